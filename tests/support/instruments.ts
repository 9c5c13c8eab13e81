/**
 * Helpers for the tests of the official instruments (QĐ 56 health forms, Bộ GD&ĐT education forms): a plausible
 * full response built from a definition itself, and the checks every such form shares.
 */
import { expect } from "vitest";

import type { GroupCounts } from "../../app/method/counts";
import { rollupRows } from "../../app/results/rollup-rows";
import { allQuestions, type Question, type SurveyDefinition } from "../../app/survey/definition";
import { answerRows, buildResponseSchema, checkAnswers, isShown, type Answers } from "../../app/survey/response";

/** The element (domain) items of a definition, by element code. */
export function domainItems(def: SurveyDefinition): Record<string, string[]> {
  if (def.method.index !== "elements") throw new Error(`${def.id}: not an elements survey`);
  return Object.fromEntries(def.method.elements.map((e) => [e.code, e.criteria]));
}

/**
 * A full response a respondent could give: every shown question answered — scale items satisfied (5, 4, …) with
 * every fifth item «không sử dụng / không ý kiến», the first option of a choice, the middle of a number's range,
 * a short text — then `overrides` (a question set to `undefined` is left blank).
 */
export function plausibleAnswers(def: SurveyDefinition, overrides: Record<string, Answers[string] | undefined> = {}): Answers {
  const answers: Answers = {};
  let item = 0;
  const value = (q: Question): Answers[string] => {
    switch (q.type) {
      case "scale":
        item++;
        if (q.allowNoOpinion && item % 5 === 0) return def.noOpinion.code;
        return item % 2 === 0 ? 4 : 5;
      case "single":
        return q.options[0]!.code;
      case "multi":
        return [q.options[0]!.code];
      case "yesno":
        return 1;
      case "number":
        return Math.round((q.min + q.max) / 2);
      case "text":
        return "Nhân viên tận tình, chu đáo.";
    }
  };
  for (const q of allQuestions(def)) {
    if (!isShown(q, answers)) continue;
    if (q.code in overrides) {
      const given = overrides[q.code];
      if (given !== undefined) answers[q.code] = given;
    } else {
      answers[q.code] = value(q);
    }
  }
  return answers;
}

/** The roll-up counts of some responses, as ingest adds them up (answers and per-respondent measures). */
export function rolledUpCounts(def: SurveyDefinition, responses: readonly Answers[]): GroupCounts {
  const questions: Record<string, Record<number, number>> = {};
  for (const answers of responses) {
    for (const [q, code] of rollupRows(def, answerRows(def, answers)).answers) {
      const counts = (questions[q] ??= {});
      counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return { responses: responses.length, questions };
}

/** Every domain item is asked on the five levels (satisfied 4, 5) with 0 «không sử dụng / không ý kiến». */
export function expectFiveLevelItems(def: SurveyDefinition): void {
  expect(def.noOpinion.code).toBe(0);
  expect(def.method.excludedCodes).toEqual([0]);
  for (const code of Object.values(domainItems(def)).flat()) {
    const q = allQuestions(def).find((x) => x.code === code);
    expect(q, code).toMatchObject({ type: "scale", allowNoOpinion: true });
    if (q?.type !== "scale") continue;
    expect(
      def.scales[q.scale]!.options.map((o) => [o.code, o.label.vi]),
      code,
    ).toEqual([
      [1, "Rất không hài lòng"],
      [2, "Không hài lòng"],
      [3, "Bình thường"],
      [4, "Hài lòng"],
      [5, "Rất hài lòng"],
    ]);
    expect(def.scales[q.scale]!.satisfied).toEqual([4, 5]);
  }
}

/** The answers pass `checkAnswers` and the API's response schema, with the interactive forms' required rule. */
export function expectAccepted(def: SurveyDefinition, answers: Answers): void {
  expect(checkAnswers(def, answers, { requireRequired: true })).toEqual({ ok: true, answers });
  const body = {
    id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f",
    survey: def.id,
    agency: "SO_YT",
    channel: "surveyor",
    submittedAt: "2026-08-14T09:12:00+07:00",
    answers,
  };
  expect(buildResponseSchema(def, { requireRequired: true }).safeParse(body).error?.issues ?? []).toEqual([]);
}

/**
 * The «(verify)» convention (surveys/README.md): wording not taken from the official text carries the marker at the
 * end of its English label only — never in the Vietnamese a respondent reads. Returns the questions so marked.
 */
export function expectVerifyMarkers(def: SurveyDefinition): string[] {
  const vi: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [key, x] of Object.entries(v)) {
        if (key === "vi" && typeof x === "string") vi.push(x);
        else walk(x);
      }
    }
  };
  walk(def);
  expect(
    vi.filter((s) => /verify/i.test(s)),
    `${def.id}: «(verify)» in Vietnamese`,
  ).toEqual([]);
  const marked = allQuestions(def).filter((q) => q.label.en.includes("(verify)"));
  for (const q of marked) expect(q.label.en, `${def.id} ${q.code}`).toMatch(/ \(verify\)$/);
  return marked.map((q) => q.code);
}
