/**
 * The published shapes of docs/contracts.md §Results, built from counts in one call so that no caller
 * assembles or rounds figures itself. This is the only place where figures are rounded (to 2 decimals).
 */
import type { Locale } from "../survey/codes";
import type { GroupCounts, CodeCounts } from "./counts";
import { expectationShares } from "./expectations";
import { optionShares } from "./options";
import { computeFigures, type Figures } from "./figures";
import { round2, round2OrNull } from "./numbers";
import { questionRate } from "./rate";
import type { MethodDefinition } from "./scale";
import { evaluateTarget, FEW_ANSWERS_MIN, isFewAnswers, isGroupFewAnswers, type Target, type TargetResult } from "./targets";

/** One published rate; `fewAnswers` marks a cell with fewer valid answers than the threshold ("ít mẫu"). */
export type RateCell = { rate: number | null; n: number; ciLow: number | null; ciHigh: number | null; fewAnswers: boolean };

/** A number question as published: n, mean, median and the shares at or above its thresholds. */
export type NumberCell = {
  n: number;
  mean: number | null;
  median: number | null;
  atLeast: { threshold: number; share: number | null }[];
  fewAnswers: boolean;
};

/** Present only when the definition declares measures or has number questions, so other surveys' JSON is unchanged. */
type Extras = { measures?: Record<string, RateCell>; numbers?: Record<string, NumberCell> };

export type PublishedFigures = Extras &
  (
    | {
        responses: number;
        index: number | null;
        elements: Record<string, RateCell>;
        /** Elements that entered the index (those without data are left out). */
        usedElements: string[];
      }
    | { responses: number; index: number | null; questions: Record<string, RateCell> }
  );

export type OverallResult = PublishedFigures & { target: TargetResult | null; fewAnswers: boolean };
export type GroupResult = { key: string; label: string } & OverallResult;

export type DistributionCell = { code: number; count: number; share: number | null };
export type CriterionGroup = {
  key: string;
  label: string;
  rate: number | null;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
  mean: number | null;
  distribution: DistributionCell[];
  /** "Không có ý kiến" answers, outside the denominator; share is of all answers given. */
  excluded: DistributionCell[];
  fewAnswers: boolean;
};

export function rateCell(
  r: { rate: number | null; n: number; ciLow: number | null; ciHigh: number | null },
  min: number = FEW_ANSWERS_MIN,
): RateCell {
  return {
    rate: round2OrNull(r.rate),
    n: round2(r.n),
    ciLow: round2OrNull(r.ciLow),
    ciHigh: round2OrNull(r.ciHigh),
    fewAnswers: isFewAnswers(r.n, min),
  };
}

function publishExtras(f: Figures, min: number): Extras {
  const out: Extras = {};
  const measures = Object.entries(f.measures);
  if (measures.length) out.measures = Object.fromEntries(measures.map(([code, r]) => [code, rateCell(r, min)] as const));
  const numbers = Object.entries(f.numbers);
  if (numbers.length) {
    out.numbers = Object.fromEntries(
      numbers.map(
        ([code, s]) =>
          [
            code,
            {
              n: round2(s.n),
              mean: round2OrNull(s.mean),
              median: round2OrNull(s.median),
              atLeast: s.atLeast.map((a) => ({ threshold: a.threshold, share: round2OrNull(a.share) })),
              fewAnswers: isFewAnswers(s.n, min),
            },
          ] as const,
      ),
    );
  }
  return out;
}

/** Full-precision figures → the published `{responses, index, elements | questions}` (and measures, numbers). */
export function publishFigures(f: Figures, min: number = FEW_ANSWERS_MIN): PublishedFigures {
  const base = { responses: f.responses, index: round2OrNull(f.index), ...publishExtras(f, min) };
  if (f.kind === "question") {
    const questions = Object.fromEntries(Object.entries(f.questions).map(([code, r]) => [code, rateCell(r, min)] as const));
    return { ...base, questions };
  }
  const elements: Record<string, RateCell> = {};
  for (const [code, e] of Object.entries(f.elements)) if (e) elements[code] = rateCell(e, min);
  return { ...base, elements, usedElements: f.used };
}

type BuildArgs = {
  def: MethodDefinition;
  counts: GroupCounts;
  /** From `targetFor`; null when no target applies. */
  target: Target | null;
  /** The few-answers threshold (default 30). */
  minAnswers?: number;
};

/** `overall` of a results answer: the figures, the target judged, the few-answers flag. */
export function buildOverall({ def, counts, target, minAnswers = FEW_ANSWERS_MIN }: BuildArgs): OverallResult {
  const figures = computeFigures(def, counts);
  const fewAnswers = isGroupFewAnswers(figures, minAnswers);
  return { ...publishFigures(figures, minAnswers), target: evaluateTarget(figures.index, target, fewAnswers), fewAnswers };
}

/** One element of `groups` (by agency, sector, field, counter, channel, month, quarter). */
export function buildGroup(args: BuildArgs & { key: string; label: string }): GroupResult {
  return { key: args.key, label: args.label, ...buildOverall(args) };
}

/** One group of `--by criterion`: a scale question with its rate, interval, mean and full distribution. */
export function buildCriterionGroup(args: {
  def: MethodDefinition;
  question: string;
  counts: CodeCounts | undefined;
  locale?: Locale;
  minAnswers?: number;
}): CriterionGroup {
  const { def, question, locale = "vi", minAnswers = FEW_ANSWERS_MIN } = args;
  const q = def.sections.flatMap((s) => s.questions).find((x) => x.code === question);
  const r = questionRate(def, question, args.counts);
  const cell = (d: { code: number; count: number; share: number | null }) => ({
    code: d.code,
    count: round2(d.count),
    share: round2OrNull(d.share),
  });
  return {
    key: question,
    label: q?.label[locale] ?? question,
    ...rateCell(r, minAnswers),
    mean: round2OrNull(r.mean),
    distribution: r.distribution.map(cell),
    excluded: r.excluded.map(cell),
  };
}

/** Every scale question of the definition as a criterion group, in questionnaire order. */
export function buildCriterionGroups(args: { def: MethodDefinition; counts: GroupCounts; locale?: Locale; minAnswers?: number }): CriterionGroup[] {
  return args.def.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type === "scale")
    .map((q) => buildCriterionGroup({ ...args, question: q.code, counts: args.counts.questions[q.code] }));
}

export type PublishedShare = { code: number; label: string; count: number; share: number | null };

/**
 * The expectations ranking (§4.7) as published: options sorted by share with their rank; `respondents` is
 * how many answered the question (the roll-ups count them under code 0).
 */
export function buildExpectations(args: {
  def: MethodDefinition;
  question: string;
  ticks: CodeCounts | undefined;
  respondents: number;
  locale?: Locale;
}): { respondents: number; options: (PublishedShare & { rank: number | null })[] } {
  const { respondents, options } = expectationShares(args.def, args.question, args.ticks, args.respondents);
  return {
    respondents: round2(respondents),
    options: options.map((o) => ({
      code: o.code,
      label: o.label[args.locale ?? "vi"],
      count: round2(o.count),
      share: round2OrNull(o.share),
      rank: o.rank,
    })),
  };
}

/** A single-choice question's distribution (PHIEN_HA) as published, in questionnaire order. */
export function buildChoiceShares(args: {
  def: MethodDefinition;
  question: string;
  counts: CodeCounts | undefined;
  locale?: Locale;
  minAnswers?: number;
}): { n: number; fewAnswers: boolean; options: PublishedShare[] } {
  const { n, options } = optionShares(args.def, args.question, args.counts);
  return {
    n: round2(n),
    fewAnswers: isFewAnswers(n, args.minAnswers ?? FEW_ANSWERS_MIN),
    options: options.map((o) => ({ code: o.code, label: o.label[args.locale ?? "vi"], count: round2(o.count), share: round2OrNull(o.share) })),
  };
}
