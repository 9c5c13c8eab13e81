/**
 * What the dashboard loaders hand to the page: published figures (already rounded by app/method), labels
 * in the request's language and the page's state. Plain data, so it crosses to the browser as is.
 */
import type { TargetOp } from "../survey/codes";
import type { DashboardFilter, DashboardSurvey, ParamName, ResolvedPeriod } from "./params";

/** How a figure stands against its target; "few" = ít mẫu (fewer than 30 answers), never judged. */
export type Status = "met" | "notMet" | "few" | "noTarget" | "noData";
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
  /** Δ against the previous comparable period in percentage points; null when not comparable. */
  delta: number | null;
  /** Places gained since the previous period (+2 = up two). */
  rankChange: number | null;
  /** Did the previous period have enough answers (≥ 30) to call a fall a fall? */
  previousEnough: boolean;
  /** A drill-down link, when the viewer may open one. */
  href?: string;
  /** Of this unit's ratings, how many carry a field (agencies and counters only). */
  fieldCoverage?: FieldCoverage;
};

/** Ratings that carry a field, of all ratings (share in %, null without ratings): field figures rest on these. */
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

export type CriterionRow = { code: string; label: string; rate: number | null; n: number; ciLow: number | null; ciHigh: number | null; href?: string };

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

/** Why Δ is not shown. */
export type DeltaNote = "noPrevious" | "methodChanged" | null;

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
  previous: { from: string; to: string; index: number | null; responses: number };
  /** Fields (of the scope) meeting their targets, and the units one level down (agencies or counters). */
  fields: TargetTally;
  units: TargetTally & { kind: "agency" | "counter" };
  /** The province beside one agency's figures, and the agency's place among the province's agencies. */
  province: { index: number | null; responses: number; status: Status } | null;
  rank: { rank: number | null; of: number } | null;
};

export type TargetTally = { met: number; notMet: number; few: number };

export type Choice = { value: string; label: string };

export type DashboardData = {
  survey: DashboardSurvey;
  surveyTitle: string;
  kind: "elements" | "question";
  period: ResolvedPeriod;
  filter: DashboardFilter;
  /** Merged agencies counted under their successors (the `gop` parameter). */
  mergeSuccessors: boolean;
  /** The agency the page is limited to (an agency head's own, or a drill-down), with its name. */
  focus: { code: string; name: string } | null;
  /** Parameters that could not be read and were ignored. */
  invalid: ParamName[];
  /** A refusal from app/results (an unknown code…), in Vietnamese. */
  error: string | null;
  choices: {
    surveys: Choice[];
    periods: Record<"month" | "quarter" | "half" | "year", string[]>;
    agencies: Choice[];
    sectors: Choice[];
    fields: Choice[];
    channels: string[];
    profiles: Choice[];
  };
  headline: Headline;
  /** Agencies of the province, or the counters of the agency in focus, ranked. */
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
  toCorrect: CorrectionRow[];
};

export type CommentRow = {
  text: string;
  /** Submission instant (ms); shown in Vietnam time. */
  at: number;
  field: string | null;
  counter: string | null;
  channel: string;
  /** The respondent's answer to the criterion asked about, as its label. */
  answer: string | null;
};

export type CommentPage = {
  total: number;
  page: number;
  pages: number;
  rows: CommentRow[];
  /** The criterion the comments are filtered by, with its label; null = all comments. */
  criterion: { code: string; label: string } | null;
};
