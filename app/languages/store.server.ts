/**
 * Added languages and their translations in the database (docs/decisions/0023). Citizen pages read a
 * language's translations on every request, so they are kept in memory per language and dropped whenever this
 * process writes them (one process owns the database file: README).
 */
import { and, asc, count, eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { languages, recordings, translations } from "../../db/schema";
import { vi } from "~/locales/vi";
import type { SurveyRegistry } from "~/survey/registry.server";
import { isBuiltInLocale } from "~/survey/codes";

import { coverage, surveyTexts, uiTexts, type TextEntry, type Translations } from "./texts";

export type Language = { code: string; name: string; enabled: boolean };
export type LanguageRow = Language & { done: number; total: number; recorded: number };

const cache = new Map<string, Translations>();
let generation = 0;

/** Bumped on every write: the i18n bundles compare it to reload a language's strings. */
export function translationsGeneration(): number {
  return generation;
}

export function forgetTranslations(): void {
  cache.clear();
  generation++;
}

/** Every translatable text: the interface strings, then each registered survey's labels. */
export function allTexts(surveys: SurveyRegistry): TextEntry[] {
  return [...uiTexts(vi), ...[...surveys.values()].flatMap((s) => surveyTexts(s.def))];
}

export function listLanguages(db: Db): Language[] {
  return db.select({ code: languages.code, name: languages.name, enabled: languages.enabled }).from(languages).orderBy(asc(languages.code)).all();
}

export function findLanguage(db: Db, code: string): Language | undefined {
  return db.select({ code: languages.code, name: languages.name, enabled: languages.enabled }).from(languages).where(eq(languages.code, code)).get();
}

/** An added language citizens are offered (`vi`/`en` are not in the table). */
export function enabledLanguage(db: Db, code: string): Language | undefined {
  if (isBuiltInLocale(code)) return undefined;
  const found = findLanguage(db, code);
  return found?.enabled ? found : undefined;
}

export function enabledLanguages(db: Db): Language[] {
  return listLanguages(db).filter((l) => l.enabled);
}

export function translationsOf(db: Db, code: string): Translations {
  let found = cache.get(code);
  if (!found) {
    const rows = db
      .select({ key: translations.key, source: translations.source, text: translations.text })
      .from(translations)
      .where(eq(translations.languageCode, code))
      .all();
    found = new Map(rows.map((r) => [r.key, { source: r.source, text: r.text }]));
    cache.set(code, found);
  }
  return found;
}

export function languageRows(db: Db, surveys: SurveyRegistry): LanguageRow[] {
  const texts = allTexts(surveys);
  return listLanguages(db).map((l) => ({
    ...l,
    ...coverage(texts, translationsOf(db, l.code)),
    recorded: db.select({ n: count() }).from(recordings).where(eq(recordings.languageCode, l.code)).get()?.n ?? 0,
  }));
}

export function addLanguage(db: Db, language: { code: string; name: string }): "added" | "exists" {
  if (isBuiltInLocale(language.code) || findLanguage(db, language.code)) return "exists";
  db.insert(languages)
    .values({ ...language, enabled: false, createdAt: Date.now() })
    .run();
  forgetTranslations();
  return "added";
}

export function setLanguageEnabled(db: Db, code: string, enabled: boolean): boolean {
  const changed = db.update(languages).set({ enabled }).where(eq(languages.code, code)).run().changes > 0;
  forgetTranslations();
  return changed;
}

/**
 * A spreadsheet's rows replace the language's translations in one transaction: a row with a translation sets
 * it, an empty one removes it (the Vietnamese is shown). Rows were checked before (sheet.server.ts).
 */
export function replaceTranslations(
  db: Db,
  code: string,
  rows: readonly { key: string; vi: string; text: string }[],
): { set: number; cleared: number } {
  const now = Date.now();
  let set = 0;
  let cleared = 0;
  db.transaction((tx) => {
    for (const row of rows) {
      if (row.text === "") {
        cleared += tx
          .delete(translations)
          .where(and(eq(translations.languageCode, code), eq(translations.key, row.key)))
          .run().changes;
        continue;
      }
      tx.insert(translations)
        .values({ languageCode: code, key: row.key, source: row.vi, text: row.text, updatedAt: now })
        .onConflictDoUpdate({ target: [translations.languageCode, translations.key], set: { source: row.vi, text: row.text, updatedAt: now } })
        .run();
      set++;
    }
  });
  forgetTranslations();
  return { set, cleared };
}
