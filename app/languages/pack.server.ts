/**
 * What a device app (the kiosk, the surveyor's tablet) needs to offer the enabled added languages: each one in
 * its own name with its surveys' translated labels, its interface strings and its recordings; plus the
 * Vietnamese recordings (docs/decisions/0023). The apps keep it with their configuration, so it works offline.
 */
import type { Db } from "../../db/client";
import type { SurveyDefinition } from "~/survey/definition";

import { voicesOf } from "./recordings.server";
import { enabledLanguages, translationsOf } from "./store.server";
import { currentLabels, localizeDefinition, translated, uiTexts, UI_PREFIX, type Translations } from "./texts";
import { vi } from "~/locales/vi";
import type { DeviceLanguage, TabletLanguages } from "./device";

/** The translated interface strings by i18n key (`kiosk.more`). */
function stringsOf(translations: Translations): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const text of uiTexts(vi)) {
    const done = translated(translations, text.key, text.vi);
    if (done !== undefined) strings[text.key.slice(UI_PREFIX.length)] = done;
  }
  return strings;
}

export function deviceLanguages(db: Db, defs: readonly SurveyDefinition[]): { voices: Record<string, string>; languages: DeviceLanguage[] } {
  return {
    voices: voicesOf(db, "vi"),
    languages: enabledLanguages(db).map((l) => {
      const translations = translationsOf(db, l.code);
      return {
        code: l.code,
        name: l.name,
        surveys: Object.fromEntries(defs.map((d) => [d.id, localizeDefinition(d, translations)])),
        strings: stringsOf(translations),
        voices: voicesOf(db, l.code),
      };
    }),
  };
}

/**
 * The tablet's pack: every registered survey is already in its page, so each language carries only its
 * current labels (key → text) beside its strings; recordings of every language, Vietnamese and English too.
 */
export function tabletLanguages(db: Db, defs: readonly SurveyDefinition[]): TabletLanguages {
  const added = enabledLanguages(db);
  return {
    languages: added.map((l) => {
      const translations = translationsOf(db, l.code);
      return {
        code: l.code,
        name: l.name,
        labels: Object.assign({}, ...defs.map((d) => currentLabels(d, translations))) as Record<string, string>,
        strings: stringsOf(translations),
      };
    }),
    voices: Object.fromEntries(["vi", "en", ...added.map((l) => l.code)].map((code) => [code, voicesOf(db, code)])),
  };
}
