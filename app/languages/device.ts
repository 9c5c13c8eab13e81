/**
 * An added language as the kiosk and the tablet receive it (docs/decisions/0023), and how their screens use
 * it: the i18next bundle of its interface strings (Vietnamese behind every missing one) and playing a
 * recording. Shared by server and browser.
 */
import type { i18n as I18n } from "i18next";

import type { SurveyDefinition } from "~/survey/definition";

export type DeviceLanguage = {
  code: string;
  /** Its name written in itself. */
  name: string;
  /** Each survey's definition with the translated labels (Vietnamese where there is none). */
  surveys: Record<string, SurveyDefinition>;
  /** Interface strings by i18n key (`kiosk.more`), only those translated. */
  strings: Record<string, string>;
  /** Recordings by text key → address. */
  voices: Record<string, string>;
};

/**
 * What the surveyor's tablet receives (its page, which the service worker keeps: so it works offline): each
 * enabled added language with its current survey labels by text key, and the recordings of every language.
 */
export type TabletLanguages = {
  languages: { code: string; name: string; labels: Record<string, string>; strings: Record<string, string> }[];
  /** Language code → text key → `/am-thanh/<sha256>`. */
  voices: Record<string, Record<string, string>>;
};

/** Puts the languages' strings in the app's i18next store (fallback: Vietnamese). */
export function addLanguageBundles(i18n: I18n, languages: readonly Pick<DeviceLanguage, "code" | "strings">[] | undefined): void {
  for (const l of languages ?? []) {
    for (const [key, text] of Object.entries(l.strings)) i18n.addResource(l.code, "translation", key, text);
  }
}

let playing: HTMLAudioElement | null = null;

/** Plays a recording (the previous one stops); a tablet that cannot play it says nothing rather than fail. */
export function playVoice(src: string | undefined): void {
  if (!src || typeof Audio === "undefined") return;
  playing?.pause();
  playing = new Audio(src);
  playing.dataset.voice = src;
  void playing.play().catch(() => undefined);
}
