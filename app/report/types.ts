/**
 * The official report as plain data: built once on the server (model.server.ts) from the figures model
 * (app/figures → app/results → app/method), then turned into blocks (blocks.ts) that the HTML,
 * .docx and spreadsheet writers render. No writer computes a figure.
 */
import type { ChannelRow, Figures, ProfileTable } from "../figures/types";
import type { DayRange } from "../method/period";
import type { Qd766Indicators } from "../qd766/indicators.server";

/** What a report is of: one survey, one period, the province or one agency. */
export type ReportKey = {
  survey: string;
  /** A period key ("2026", "2026-H2", "2026-Q3", "2026-07"). */
  period: string;
  /** "province" or an agency code. */
  scope: string;
};

/** The parts staff write themselves (db/publishing-schema.ts `report_drafts`). */
export type ReportDraft = {
  number: string;
  recommendations: string;
  recipients: string;
  signerTitle: string;
  signerName: string;
  updatedAt: number | null;
};

export type { ChannelRow, ProfileTable } from "../figures/types";

export type ReportModel = {
  key: ReportKey;
  range: DayRange;
  /** "quý III năm 2026" */
  periodLabel: string;
  province: string;
  agency: { code: string; name: string } | null;
  /** The day the figures were computed (Vietnam time), for the date line. */
  today: string;
  draft: ReportDraft;
  data: Figures;
  channels: ChannelRow[];
  profiles: ProfileTable[];
  /** The period's QĐ 766 indicators (app/qd766), of the agency in scope; absent in models built without them. */
  qd766?: Qd766Indicators | null;
};
