/**
 * The citizen-facing texts a language can translate (docs/decisions/0023): every label of a survey definition
 * (title, intro, sections, questions, options, scales, "no opinion") and the strings of the QR page, the kiosk
 * and the thank-you screens, and the tablet's interview screens. Each text has a key, where it is used (in Vietnamese, for the translator) and its
 * Vietnamese. Pure: the server, the tests and the spreadsheet use it.
 */
import type { Locale } from "~/survey/codes";
import type { SurveyDefinition } from "~/survey/definition";

/** Which of a survey label's two stored languages a screen reads: English for `en`, else the (localized) `vi`. */
export const labelLocale = (language: string): Locale => (language === "en" ? "en" : "vi");

export type TextEntry = { key: string; where: string; vi: string };
/** A language's translations: key → text, each valid only for the Vietnamese it was made from. */
export type Translations = ReadonlyMap<string, { source: string; text: string }>;

/** Strings of the citizen's screens (i18n keys); the rest of the app stays Vietnamese or English. */
const UI_PREFIXES = ["rate.", "thanks.", "yesno.", "lang.label", "dossier.alreadyRated", "form.required"];
const KIOSK_KEYS = new Set(
  [
    "fieldQuestion",
    "fieldHelp",
    "officerOnDuty",
    "thanksTitle",
    "thanksBody",
    "thanksNext",
    "overallHint",
    "voteRecorded",
    "more",
    "dossierLabel",
    "dossierHelp",
    "finish",
  ].map((k) => `kiosk.${k}`),
);
/** The tablet's interview screens, which the respondent sees beside the surveyor (the rest of its app is the surveyor's). */
const FIELD_KEYS = new Set(
  ["sectionOf", "progress", "back", "next", "review", "reviewTitle", "noAnswer", "fixErrors", "langLabel"].map((k) => `field.${k}`),
);
/** Plural forms other than `_other` depend on the language's grammar, which an added language does not declare. */
const NON_OTHER_PLURAL = /_(zero|one|two|few|many)$/;

export const UI_PREFIX = "ui:";

function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
}

/** The translatable strings of the Vietnamese locale object (app/locales/vi.ts). */
export function uiTexts(vi: object): TextEntry[] {
  const flat = new Map<string, string>();
  flatten(vi, "", flat);
  return [...flat]
    .filter(([k]) => (UI_PREFIXES.some((p) => k.startsWith(p)) || KIOSK_KEYS.has(k) || FIELD_KEYS.has(k)) && !NON_OTHER_PLURAL.test(k))
    .map(([k, text]) => ({ key: `${UI_PREFIX}${k}`, where: `Giao diện: ${k}`, vi: text }));
}

type Label = { vi: string; en: string };
const isLabel = (v: unknown): v is Label =>
  !!v && typeof v === "object" && typeof (v as Label).vi === "string" && typeof (v as Label).en === "string";

/**
 * Walks a definition's labels: `visit(path, label)` with a path of codes rather than positions
 * (`q.TONG_THE.label`, `scales.SAT3.options.3.label`), so that a key survives a reordering of questions.
 */
function walk(value: unknown, path: string[], visit: (path: string[], label: Label) => void) {
  if (isLabel(value)) return visit(path, value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const code = (item as { code?: unknown })?.code;
      walk(item, [...path, typeof code === "string" || typeof code === "number" ? String(code) : String(i)], visit);
    });
  } else if (value && typeof value === "object") {
    // The method (elements, measures) labels reports, not citizen screens.
    for (const [k, v] of Object.entries(value)) if (k !== "method") walk(v, [...path, k], visit);
  }
}

/** A question's code is unique in its survey: `sections.<s>.questions.<Q>` is shortened to `q.<Q>`. */
function keyOf(def: Pick<SurveyDefinition, "id">, path: string[]): string {
  const short = path[0] === "sections" && path[2] === "questions" ? ["q", ...path.slice(3)] : path;
  return `${def.id}:${short.join(".")}`;
}

function whereOf(def: Pick<SurveyDefinition, "id" | "version">, path: string[]): string {
  const short = path[0] === "sections" && path[2] === "questions" ? path.slice(3) : path;
  const [head, ...rest] = short;
  const place =
    path[0] === "sections" && path[2] === "questions"
      ? `câu ${head}${rest[0] === "options" ? `, phương án ${rest[1]}` : rest[0] === "help" ? ", hướng dẫn" : ""}`
      : head === "scales"
        ? `thang ${rest[0]}${rest[1] === "options" ? `, mức ${rest[2]}` : ""}`
        : head === "sections"
          ? `tiêu đề phần ${rest[0]}`
          : head === "title"
            ? "tên phiếu"
            : head === "intro"
              ? "lời mở đầu"
              : head === "noOpinion"
                ? "«không có ý kiến»"
                : short.join(".");
  return `Phiếu ${def.id} (phiên bản ${def.version}): ${place}`;
}

export function surveyTexts(def: SurveyDefinition): TextEntry[] {
  const out: TextEntry[] = [];
  walk(def, [], (path, label) => out.push({ key: keyOf(def, path), where: whereOf(def, path), vi: label.vi }));
  return out;
}

/** A translation is shown only while the Vietnamese it was made from is still the text's Vietnamese. */
export function translated(translations: Translations, key: string, vi: string): string | undefined {
  const t = translations.get(key);
  return t && t.source === vi && t.text !== "" ? t.text : undefined;
}

/** The definition with each label's `vi` replaced by `textOf(key, vi)` where it gives one. */
function replaceLabels(def: SurveyDefinition, textOf: (key: string, vi: string) => string | undefined): SurveyDefinition {
  const copy = structuredClone(def);
  walk(copy, [], (path, label) => {
    const text = textOf(keyOf(def, path), label.vi);
    if (text !== undefined) label.vi = text;
  });
  return copy;
}

/**
 * The definition with each label's `vi` replaced by its translation where there is a current one: screens then
 * render it as they render Vietnamese, and what is missing stays Vietnamese — never a key. Codes, rules and the
 * method are untouched: a translation cannot change what an answer means.
 */
export function localizeDefinition(def: SurveyDefinition, translations: Translations): SurveyDefinition {
  return replaceLabels(def, (key, vi) => translated(translations, key, vi));
}

/** A survey's current translations as key → text (what the tablet carries instead of whole definitions). */
export function currentLabels(def: SurveyDefinition, translations: Translations): Record<string, string> {
  const out: Record<string, string> = {};
  walk(def, [], (path, label) => {
    const key = keyOf(def, path);
    const text = translated(translations, key, label.vi);
    if (text !== undefined) out[key] = text;
  });
  return out;
}

/** `localizeDefinition` from `currentLabels` (checked on the server against this same definition's Vietnamese). */
export const withLabels = (def: SurveyDefinition, labels: Readonly<Record<string, string>>): SurveyDefinition =>
  replaceLabels(def, (key) => labels[key]);

/** The share of `texts` with a current translation, 0–1 (the screen's coverage). */
export function coverage(texts: readonly TextEntry[], translations: Translations): { done: number; total: number } {
  return { done: texts.filter((t) => translated(translations, t.key, t.vi) !== undefined).length, total: texts.length };
}

/** The keys of a question's label and of its scale's options (recordings are looked up by them). */
export const questionKey = (def: Pick<SurveyDefinition, "id">, code: string) => `${def.id}:q.${code}.label`;
export const scaleOptionKey = (def: Pick<SurveyDefinition, "id">, scale: string, code: number) => `${def.id}:scales.${scale}.options.${code}.label`;
export const optionKey = (def: Pick<SurveyDefinition, "id">, question: string, code: number) => `${def.id}:q.${question}.options.${code}.label`;
export const noOpinionKey = (def: Pick<SurveyDefinition, "id">) => `${def.id}:noOpinion.label`;
