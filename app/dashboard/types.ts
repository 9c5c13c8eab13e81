/**
 * What the dashboard loaders hand to the page: the figures model (app/figures/types.ts) with the page's links
 * and the filter form's choices. Plain data, so it crosses to the browser as is.
 */
import type { Figures } from "../figures/types";

export type {
  ChannelRow,
  ComponentRow,
  CorrectionRow,
  CriterionRow,
  DeltaNote,
  DistributionRow,
  FieldCoverage,
  Headline,
  IndexRow,
  MeasureRow,
  MonthRow,
  NumberRow,
  ProfileTable,
  ScaleOption,
  ShareRow,
  Status,
  TargetTally,
  TargetView,
} from "../figures/types";

export type Choice = { value: string; label: string };

export type DashboardData = Figures & {
  choices: {
    surveys: Choice[];
    periods: Record<"month" | "quarter" | "half" | "year", string[]>;
    agencies: Choice[];
    sectors: Choice[];
    fields: Choice[];
    channels: string[];
    profiles: Choice[];
  };
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
