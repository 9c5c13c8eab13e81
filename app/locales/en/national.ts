/** The national view served by the hub (/quoc-gia) (en). */
import type { national as vi } from "../vi/national";
import type { Shape } from "../shape";

export const national = {
  title: "Citizen satisfaction, nationwide",
  intro:
    "Compiled from the counts provinces send to the hub (no raw responses, comments or respondent details). A province with fewer than 30 responses, or fewer than 30 valid answers behind its index, reads «few answers» and is not ranked.",
  survey: "Survey",
  period: "Period",
  periodHint: "Year (2026), half (2026-H2), quarter (2026-Q3) or month (2026-09)",
  show: "Show",
  badPeriod: "Period «{{period}}» is not valid.",
  noData: "The hub has no figures for this survey in the chosen period.",
  unknownSurvey: "There is no survey «{{survey}}».",
  rateLimited: "Too many requests; please try again in a few minutes.",
  rankingTitle: "Provinces ranked — {{period}}",
  rankingNote:
    "Against {{previous}}. Δ index in percentage points on the rounded values; Δ rank is the places gained (↑) or lost (↓). Provinces with equal values share a rank.",
  rank: "Rank",
  province: "Province",
  index: "Index",
  responses: "Responses",
  delta: "Δ index",
  rankChange: "Δ rank",
  previousRank: "Previous rank",
  few: "few answers",
  up: "up {{n}}",
  down: "down {{n}}",
  same: "unchanged",
  chartTitle: "Provinces' indices",
  nationalTitle: "Nationwide: pooled and mean of provinces",
  nationalNote:
    "«Pooled»: every answer of every province together, each answer weighing the same. «Mean of provinces»: the plain mean of the indices of provinces with enough answers, each province weighing the same. They answer different questions, so they are always shown together.",
  pooled: "Pooled",
  meanOfProvinces: "Mean of provinces",
  provincesInMean: "Provinces in the mean",
  leftOut: "Left out of the mean (few answers): {{list}}",
  figure: "Figure",
  value: "Value",
  elementsTitleElements: "Per element",
  elementsTitleQuestion: "Per question",
  fieldsTitle: "By field",
  channelsTitle: "By channel",
  element: "Element",
  field: "Field",
  channel: "Channel",
  otherVersionsTitle: "Provinces on another method version",
  otherVersionsNote:
    "These provinces' figures follow another version of the method, so they are neither pooled nor ranked with the others; they appear once the province recomputes and sends again under the current method.",
} satisfies Shape<typeof vi>;
