/**
 * Every figure of one group at full precision, for either kind of survey: the element-based SIPAS index
 * or the one-question index of the per-dossier rating. `results.ts` rounds these for publication.
 */
import { checkCount, type GroupCounts } from "./counts";
import { elementIndex, overallIndex, type ElementIndex, type ElementSetting } from "./indices";
import { measureRate, numberSummary, type NumberSummary } from "./measures";
import { questionRate, type ItemRate } from "./rate";
import { scaleQuestionCodes, type MethodDefinition } from "./scale";

type ElementCode = ElementSetting["code"];

type FiguresBase = {
  methodVersion: string;
  responses: number;
  index: number | null;
  /**
   * Valid answers behind the index, for the few-answers rule: the index question's n, or for SIPAS the
   * largest n among the elements used (at least that many respondents contributed to the index).
   */
  indexN: number;
  /** Per declared per-respondent measure, its rate (empty when the definition declares none). */
  measures: Record<string, ItemRate>;
  /** Per number question, its summary (empty when the definition has none). */
  numbers: Record<string, NumberSummary>;
};

/** The measures and number summaries of a group: the same for either kind of index. */
function extras(def: MethodDefinition, counts: GroupCounts): Pick<FiguresBase, "measures" | "numbers"> {
  return {
    measures: Object.fromEntries(def.method.measures.map((m) => [m.code, measureRate(counts.questions[m.code])] as const)),
    numbers: Object.fromEntries(
      def.sections
        .flatMap((s) => s.questions)
        .flatMap((q) => (q.type === "number" ? [[q.code, numberSummary(counts.questions[q.code], q.thresholds)] as const] : [])),
    ),
  };
}

export type ElementsFigures = FiguresBase & {
  kind: "elements";
  elements: Partial<Record<ElementCode, ElementIndex>>;
  /** Elements in the index and those left out for lack of data (indices.ts). */
  used: ElementCode[];
  leftOut: ElementCode[];
};

export type QuestionFigures = FiguresBase & {
  kind: "question";
  indexQuestion: string;
  /** One rate per scale question, in display order. */
  questions: Record<string, ItemRate>;
};

export type Figures = ElementsFigures | QuestionFigures;

/** Counts of one group → all its figures, following the definition's method settings. */
export function computeFigures(def: MethodDefinition, counts: GroupCounts): Figures {
  const responses = checkCount(counts.responses, "responses");
  const method = def.method;
  if (method.index === "question") {
    const questions = Object.fromEntries(scaleQuestionCodes(def).map((code) => [code, questionRate(def, code, counts.questions[code])] as const));
    const main = questions[method.question] ?? questionRate(def, method.question, counts.questions[method.question]);
    return {
      kind: "question",
      methodVersion: method.version,
      responses,
      index: main.rate,
      indexN: main.n,
      indexQuestion: method.question,
      questions,
      ...extras(def, counts),
    };
  }
  const list = method.elements.map((el) => elementIndex(def, el, method.elementSource, counts));
  const overall = overallIndex(list);
  const usedN = list.filter((e) => e.rate !== null).map((e) => e.n);
  return {
    kind: "elements",
    methodVersion: method.version,
    responses,
    index: overall.index,
    indexN: usedN.length ? Math.max(...usedN) : 0,
    elements: Object.fromEntries(list.map((e) => [e.code, e] as const)),
    used: overall.used,
    leftOut: overall.leftOut,
    ...extras(def, counts),
  };
}
