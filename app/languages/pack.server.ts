/**
 * What a device app (the kiosk, the surveyor's tablet) needs to offer the enabled added languages: each one in
 * its own name with its surveys' translated labels, its interface strings and its recordings; plus the
 * Vietnamese recordings (docs/decisions/0023). The apps keep it with their configuration, so it works offline.
 */
import type { Db } from "../../db/client";
import type { SurveyDefinition } from "~/survey/definition";

import { voicesOf } from "./recordings.server";
import { enabledLanguages, translationsOf } from "./store.server";
import { localizeDefinition, translated, uiTexts, UI_PREFIX } from "./texts";
import { vi } from "~/locales/vi";
import type { DeviceLanguage } from "./device";

export function deviceLanguages(db: Db, defs: readonly SurveyDefinition[]): { voices: Record<string, string>; languages: DeviceLanguage[] } {
  const ui = uiTexts(vi);
  return {
    voices: voicesOf(db, "vi"),
    languages: enabledLanguages(db).map((l) => {
      const translations = translationsOf(db, l.code);
      const strings: Record<string, string> = {};
      for (const text of ui) {
        const done = translated(translations, text.key, text.vi);
        if (done !== undefined) strings[text.key.slice(UI_PREFIX.length)] = done;
      }
      return {
        code: l.code,
        name: l.name,
        surveys: Object.fromEntries(defs.map((d) => [d.id, localizeDefinition(d, translations)])),
        strings,
        voices: voicesOf(db, l.code),
      };
    }),
  };
}
