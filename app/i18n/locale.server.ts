/** Which language a request is served in: `?lng=` wins, then the `lng` cookie, then Vietnamese. */
import { DEFAULT_LOCALE, type Locale } from "~/survey/codes";

import { isLocale } from "./i18n";

export const LOCALE_COOKIE = "lng";

export function localeOf(request: Request): Locale {
  const fromUrl = new URL(request.url).searchParams.get("lng");
  if (isLocale(fromUrl)) return fromUrl;
  return localeOfCookie(request.headers.get("cookie") ?? "");
}

/** The language remembered in the `lng` cookie of a Cookie header, else Vietnamese. */
export function localeOfCookie(cookie: string): Locale {
  const match = /(?:^|;\s*)lng=(vi|en)(?:;|$)/.exec(cookie);
  return match && isLocale(match[1]) ? match[1] : DEFAULT_LOCALE;
}

/** Remembers an explicit choice for a year; nothing else is stored about the citizen. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`;
}
