/**
 * The measurement method (docs/method.md §4–5) as pure functions: counts in, published figures out.
 * No database, no framework, no clock. Start from `buildOverall` / `buildGroup` / `buildCriterionGroup`;
 * the smaller pieces are exported for reports that need them (rankings, sub-units, sample plans, periods).
 */
export type { CodeCounts, GroupCounts } from "./counts";
export { addCodeCounts, poolGroupCounts } from "./counts";
export { Z95, mean, ratio, round2, round2OrNull, weightedMean, wilson } from "./numbers";
export type { MethodDefinition, ScaleRule } from "./scale";
export { scaleQuestionCodes, scaleRule } from "./scale";
export type { DistributionEntry, ExcludedEntry, ItemRate } from "./rate";
export { dossierRate, itemRate, questionRate } from "./rate";
export type { ElementIndex, ElementSetting, ElementSource, OverallIndex } from "./indices";
export { DEFAULT_PILLAR_WEIGHTS, elementIndex, overallIndex, pillarIndex } from "./indices";
export type { ElementsFigures, Figures, QuestionFigures } from "./figures";
export { computeFigures } from "./figures";
export type { MeanOfSubunits, PooledFigures } from "./subunits";
export { combineSubunits, publishMeanOfSubunits } from "./subunits";
export type { Target, TargetResult } from "./targets";
export { FEW_ANSWERS_MIN, evaluateTarget, isFewAnswers, isGroupFewAnswers, isTargetMet, targetFor } from "./targets";
export type { Comparable, Comparison, PeriodValues, RankInput } from "./change";
export { comparePeriods, figureDelta, rankGroups } from "./change";
export type { ExpectationShare } from "./expectations";
export { expectationShares } from "./expectations";
export type { OptionShare } from "./options";
export { optionShares } from "./options";
export { allocate, planSample, sampleSize } from "./sample";
export type { DossierCounts, DossierFacts, PaknCounts, PaknFacts, Qd766Figures, Qd766Method } from "./qd766";
export { countDossiers, countPakn, DEFAULT_QD766, QD766_METHODS, qd766Figures, qd766Points } from "./qd766";
export type { DayRange, PeriodKind, PeriodParts } from "./period";
export {
  DateInputError,
  PERIOD_KINDS,
  addDays,
  instantRange,
  isDay,
  isPeriodKey,
  parseDay,
  parseRange,
  periodKey,
  periodKind,
  periodParts,
  periodRange,
  previousPeriodKey,
  previousRange,
  readPeriodKey,
  standardPeriodOf,
  vietnamDay,
} from "./period";
export type { CriterionGroup, DistributionCell, GroupResult, OverallResult, PublishedFigures, PublishedShare, RateCell } from "./results";
export {
  buildChoiceShares,
  buildCriterionGroup,
  buildCriterionGroups,
  buildExpectations,
  buildGroup,
  buildOverall,
  publishFigures,
  rateCell,
} from "./results";
