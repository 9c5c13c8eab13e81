/**
 * The figures model (app/figures/figures.server.ts): everything the dashboard, the report and the public page
 * present about one survey, scope and period — published figures (rounded by app/method), labels in the
 * request's language, and every verdict already decided by app/method/verdicts.ts. Plain data, so it crosses
 * to the browser as is; the presenters add only their own links, choices and words.
 */
import type { Status } from "../method/verdicts";
import type { TargetOp } from "../survey/codes";
import type { DashboardFilter, ParamName, ResolvedPeriod } from "../dashboard/params";

export type { Status } from "../method/verdicts";
export type TargetView = { op: TargetOp; pct: number };

/** One unit (agency, counter, field, month, profile group…) with its index and where it stands. */
export type IndexRow = {
  key: string;
  label: string;
  responses: number;
  index: number | null;
  /** Wilson 95 % interval of the index, when the index is one rate (per-dossier rating); else null. */
  ciLow: number | null;
  ciHigh: number | null;
  fewAnswers: boolean;
  target: TargetView | null;
  status: Status;
  /** Rank among units with enough answers (1 = best); null for ít mẫu or no data. */
  rank: number | null;
  /** Δ against the previous period in percentage points: only when both periods had enough answers. */
  delta: number | null;
  /** Places gained since the previous period (+2 = up two). */
  rankChange: number | null;
  /** Did the previous period have enough answers (≥ 30) to compare with? */
  previousEnough: boolean;
  /** A drill-down link, when the viewer may open one (added by the dashboard). */
  href?: string;
  /** Of this unit's ratings, how many carry a field (agencies and counters only). */
  fieldCoverage?: FieldCoverage;
};

/**
 * Ratings that carry a field, of all ratings (share in %, null without ratings): field figures rest on these.
 * `withoutShare`: % that do not.
 */
export type FieldCoverage = { responses: number; withField: number; share: number | null; withoutShare: number | null };

/** A rate of one element (SIPAS) or one question (per-dossier rating). */
export type ComponentRow = {
  code: string;
  label: string;
  rate: number | null;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
  fewAnswers: boolean;
  /** The same figure for the whole province, when the page is one agency's. */
  province: number | null;
};

export type ScaleOption = { code: number; label: string };

export type DistributionRow = {
  code: string;
  label: string;
  n: number;
  mean: number | null;
  fewAnswers: boolean;
  /** Share of valid answers per option code, in the scale's display order. */
  shares: { code: number; count: number; share: number | null }[];
};

export type CriterionRow = {
  code: string;
  label: string;
  rate: number | null;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
  href?: string;
};

export type ShareRow = { code: number; label: string; count: number; share: number | null; rank?: number | null };

export type CorrectionRow = {
  kind: "agency" | "field" | "counter";
  key: string;
  label: string;
  index: number | null;
  target: TargetView | null;
  belowTarget: boolean;
  delta: number | null;
  href?: string;
};

export type MonthRow = { key: string; responses: number; index: number | null; fewAnswers: boolean; province: number | null };

/** Why Δ is not shown (app/method/verdicts.ts `changeOf`). */
export type DeltaNote = "noPrevious" | "methodChanged" | "previousFew" | "currentFew" | null;

export type Headline = {
  index: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  responses: number;
  fewAnswers: boolean;
  target: TargetView | null;
  status: Status;
  delta: number | null;
  deltaNote: DeltaNote;
  previous: { from: string; to: string; index: number | null; responses: number; fewAnswers: boolean };
  /** Fields (of the scope) meeting their targets, and the units one level down (agencies or counters). */
  fields: TargetTally;
  units: TargetTally & { kind: "agency" | "counter" };
  /** The province beside one agency's figures, and the agency's place among the province's agencies. */
  province: { index: number | null; responses: number; status: Status } | null;
  rank: { rank: number | null; of: number } | null;
};

export type TargetTally = { met: number; notMet: number; few: number };

export type ChannelRow = { code: string; label: string; responses: number; share: number | null };
export type ProfileTable = { question: string; label: string; rows: IndexRow[] };

/** A per-respondent measure (docs/method.md §4.12), e.g. QĐ 56's «tỷ lệ hài lòng toàn diện»: a rate like a component's. */
export type MeasureRow = Omit<ComponentRow, "province">;

/** A number question (docs/method.md §4.11), e.g. QĐ 56's G1: mean, median and shares at or above thresholds. */
export type NumberRow = {
  code: string;
  label: string;
  unit: string | null;
  n: number;
  mean: number | null;
  median: number | null;
  atLeast: { threshold: number; share: number | null }[];
  fewAnswers: boolean;
};

export type Figures = {
  survey: string;
  surveyTitle: string;
  kind: "elements" | "question";
  methodVersion: string;
  period: ResolvedPeriod;
  filter: DashboardFilter;
  /** Merged agencies counted under their successors (the `gop` parameter). */
  mergeSuccessors: boolean;
  /** The agency the figures are limited to (an agency head's own, or a drill-down), with its name. */
  focus: { code: string; name: string } | null;
  /** Parameters that could not be read and were ignored. */
  invalid: ParamName[];
  /** A refusal from app/results (an unknown code…), in Vietnamese. */
  error: string | null;
  headline: Headline;
  /** Agencies of the province, or the counters of the agency in focus, ranked best first. */
  ranking: { kind: "agency" | "counter"; rows: IndexRow[] };
  fields: IndexRow[];
  /** The scope's ratings with and without a field: the field table counts only the first. */
  fieldCoverage: FieldCoverage;
  trend: { from: string; to: string; target: TargetView | null; rows: MonthRow[] };
  components: ComponentRow[];
  scale: ScaleOption[];
  distribution: DistributionRow[];
  lowest: CriterionRow[];
  expectations: { respondents: number; rows: ShareRow[] } | null;
  harassment: { n: number; fewAnswers: boolean; options: ScaleOption[]; row: DistributionRow } | null;
  profile: { question: string; unavailable: "wholeMonths" | "filter" | null; rows: IndexRow[] } | null;
  /** Every profile question's breakdown (the report prints them all); empty unless asked for. */
  profiles: ProfileTable[];
  toCorrect: CorrectionRow[];
  /** Responses per channel and their shares. */
  channels: ChannelRow[];
  measures: MeasureRow[];
  numbers: NumberRow[];
};
