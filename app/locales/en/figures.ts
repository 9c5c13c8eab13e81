import type { Shape } from "../shape";
import type { figures as vi } from "../vi/figures";

export const figures = {
  measuresTitle: "Measures per respondent",
  measuresNote:
    "Share of respondents meeting each measure among those it could be judged on (e.g. satisfied on every item answered). Under 30 respondents: not enough responses.",
  measuresCaption: "Measures per respondent, {{period}}",
  numbersTitle: "Questions answered with a number",
  numbersNote: "Mean, median and the share of answers at or above each threshold, among those who answered the question.",
  numbersCaption: "Questions answered with a number, {{period}}",
  measure: "Measure",
  rate: "Rate (%)",
  people: "Respondents",
  interval: "95 % interval",
  question: "Question",
  mean: "Mean",
  median: "Median",
  atLeast: "{{threshold}} or more",
  notEnough: "not enough responses",
  previousFew: "The previous period ({{from}} – {{to}}) has fewer than 30 responses: not compared.",
  currentFew: "This period has fewer than 30 responses: not compared.",
} satisfies Shape<typeof vi>;
