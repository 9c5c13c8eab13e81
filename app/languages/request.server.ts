/**
 * The language of a citizen's page (`/q/…`): `?lng=` wins, then the `lng` cookie, then Vietnamese — as for
 * staff pages (app/i18n/locale.server.ts), except that an enabled added language is accepted too. Its
 * interface strings are put into the one i18next store as a resource bundle, with Vietnamese as fallback, so
 * a string not translated yet is the Vietnamese one, never a key (docs/decisions/0023).
 */
import type { i18n as I18n, TFunction } from "i18next";

import { baseI18n, fixedT, forLocale } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { services } from "~/services.server";
import { DEFAULT_LOCALE, LANGUAGE_CODE, isBuiltInLocale } from "~/survey/codes";
import type { SurveyDefinition } from "~/survey/definition";

import { enabledLanguage, translationsGeneration, translationsOf } from "./store.server";
import { localizeDefinition, translated, UI_PREFIX } from "./texts";

/** The pages whose language may be an added one: the citizen's rating and thank-you pages. */
export const isCitizenPath = (path: string) => path.startsWith("/q/");

function cookieLanguage(cookie: string): string | null {
  const match = /(?:^|;\s*)lng=([a-z0-9-]{2,12})(?:;|$)/.exec(cookie);
  return match?.[1] ?? null;
}

/** `vi`, `en` or an enabled added language's code. */
export function citizenLanguageOf(request: Request): string {
  const usable = (code: string | null) =>
    code !== null && (isBuiltInLocale(code) || (LANGUAGE_CODE.test(code) && enabledLanguage(services().db, code) !== undefined));
  const fromUrl = new URL(request.url).searchParams.get("lng");
  if (usable(fromUrl)) return fromUrl!;
  const fromCookie = cookieLanguage(request.headers.get("cookie") ?? "");
  return usable(fromCookie) ? fromCookie! : DEFAULT_LOCALE;
}

/** The survey as shown in `language`: translated labels where current, Vietnamese elsewhere. */
export function definitionIn(def: SurveyDefinition, language: string): SurveyDefinition {
  if (isBuiltInLocale(language)) return def;
  return localizeDefinition(def, translationsOf(services().db, language));
}

const loaded = new Map<string, number>();

/** Loads (again, after a change) an added language's interface strings into the shared i18next store. */
function ensureBundle(code: string): void {
  const generation = translationsGeneration();
  if (loaded.get(code) === generation) return;
  const base = baseI18n();
  base.removeResourceBundle(code, "translation");
  const translations = translationsOf(services().db, code);
  const viStrings = base.getResourceBundle(DEFAULT_LOCALE, "translation") as object;
  for (const key of translations.keys()) {
    if (!key.startsWith(UI_PREFIX)) continue;
    const path = key.slice(UI_PREFIX.length);
    const source = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], viStrings);
    const text = typeof source === "string" ? translated(translations, key, source) : undefined;
    if (text !== undefined) base.addResource(code, "translation", path, text);
  }
  loaded.set(code, generation);
}

/** The i18next instance a document is rendered with (entry.server.tsx). */
export function i18nForRequest(request: Request): I18n {
  if (!isCitizenPath(new URL(request.url).pathname)) return forLocale(localeOf(request));
  const language = citizenLanguageOf(request);
  if (isBuiltInLocale(language)) return forLocale(language);
  ensureBundle(language);
  return baseI18n().cloneInstance({ lng: language });
}

/** Remembers a citizen's explicit choice for a year (any language a page offered). */
export function languageCookie(language: string): string {
  return `lng=${language}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`;
}

/** Messages of a citizen page's action in its language (an added one falls back to Vietnamese per string). */
export function citizenT(language: string): TFunction {
  if (isBuiltInLocale(language)) return fixedT(language);
  ensureBundle(language);
  return baseI18n().getFixedT(language);
}
