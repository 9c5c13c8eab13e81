/**
 * One i18next instance per process, initialised synchronously with both languages; requests use a
 * cheap clone (`forLocale`). Creating an instance per request cost a third of page throughput here.
 */
import i18next, { type i18n as I18n, type TFunction } from "i18next";

import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "~/survey/codes";

export const resources = { vi: { translation: vi }, en: { translation: en } } as const;

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof vi };
  }
}

let base: I18n | undefined;

/** The shared instance: added languages' bundles are put in its store (app/languages/request.server.ts). */
export function baseI18n(): I18n {
  return baseInstance();
}

function baseInstance(): I18n {
  if (!base) {
    base = i18next.createInstance();
    void base.init({
      resources,
      lng: DEFAULT_LOCALE,
      fallbackLng: DEFAULT_LOCALE,
      // Not limited to LOCALES: a citizen page may be in an added language, whose bundle falls back to vi.
      supportedLngs: false,
      initAsync: false,
      // React escapes what it renders; escaping here too would show "&amp;" to citizens.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return base;
}

export function forLocale(locale: Locale): I18n {
  return baseInstance().cloneInstance({ lng: locale });
}

export function fixedT(locale: Locale): TFunction {
  return baseInstance().getFixedT(locale);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The request's language as the root loader decided it, for `meta` functions (which have no hooks). */
export function localeFromMatches(matches: readonly { id: string; data?: unknown }[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}
