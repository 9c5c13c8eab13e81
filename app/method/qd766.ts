/**
 * The satisfaction group of QĐ 766/QĐ-TTg (23/6/2022): indicators 5.2, 5.3 and 5.4, computed from each
 * dossier's life and each PAKN (phản ánh, kiến nghị), not from the platform's own rate (docs/method.md §8).
 * Pure: counts in, figures out. Every threshold and point value is a setting of a versioned method
 * (`QD766_METHODS`), never a constant in a screen: the split of the group's 18 points other than 6 for 5.4 is
 * not settled by the sources, and a province sets it.
 */
import { ratio, round2OrNull } from "./numbers";

export type Qd766Method = {
  version: string;
  /** Each indicator earns its full points at or above its threshold (a %), else rate × full ÷ threshold. */
  indicators: Record<"5.2" | "5.3" | "5.4", { threshold: number; points: number }>;
};

export const QD766_METHODS: readonly Qd766Method[] = [
  {
    version: "qd766-2022",
    indicators: {
      // 6 points at 90 % for 5.4 is what the Government Office's description states.
      "5.4": { threshold: 90, points: 6 },
      // Not settled by the sources (verify with the province's own scoring): the remaining 12 points of the group
      // are split among 5.1–5.3; 4 each here, at the same 90 % threshold.
      "5.2": { threshold: 90, points: 4 },
      "5.3": { threshold: 90, points: 4 },
    },
  },
];

export const DEFAULT_QD766 = QD766_METHODS[QD766_METHODS.length - 1]!;

/** What one group's dossiers settled in the period say (each dossier counted once in each count). */
export type DossierCounts = {
  /** Dossiers whose result was returned in the period. */
  dossiers: number;
  /** …returned after their due day. */
  late: number;
  /** …carrying a «Không hài lòng» rating. */
  disliked: number;
  /** …named by a PAKN received on or before the period's last day. */
  withPakn: number;
  /** …disliked or with a PAKN (a dossier both counted once). */
  flagged: number;
  /** …late, disliked or with a PAKN (each dossier once). */
  lateOrFlagged: number;
};

/** What one group's PAKN received in the period say. */
export type PaknCounts = {
  pakn: number;
  /** Handled on or before their due day, or still open and not past due at the period's end. */
  onTime: number;
  /** The citizen was unsatisfied with the handling. */
  unsatisfied: number;
  /** Unsatisfied or not on time (each PAKN once). */
  unsatisfiedOrLate: number;
};

export type Qd766Figures = DossierCounts &
  PaknCounts & {
    version: string;
    /** 5.4 as the description sums it: 100 − late share − flagged share (a dossier both late and flagged twice). */
    rate54: number | null;
    /** 5.4 over the union: 100 − share of dossiers late or flagged (each dossier once). */
    rate54Union: number | null;
    rate52: number | null;
    rate53: number | null;
    points54: number | null;
    points52: number | null;
    points53: number | null;
  };

const pct = (part: number, whole: number) => {
  const r = ratio(part, whole);
  return r === null ? null : 100 * r;
};

/** Full points at or above the threshold, else the share of it; judged on the published (2-decimal) rate. */
export function qd766Points(rate: number | null, setting: { threshold: number; points: number }): number | null {
  const published = round2OrNull(rate);
  if (published === null) return null;
  return round2OrNull(published >= setting.threshold ? setting.points : (published * setting.points) / setting.threshold);
}

/** One group's indicators, published (rates and points rounded to 2 decimals); null where there is nothing to divide. */
export function qd766Figures(d: DossierCounts, p: PaknCounts, method: Qd766Method = DEFAULT_QD766): Qd766Figures {
  const late = pct(d.late, d.dossiers);
  const flagged = pct(d.flagged, d.dossiers);
  const rate54 = late === null || flagged === null ? null : 100 - late - flagged;
  const union = pct(d.lateOrFlagged, d.dossiers);
  const rate54Union = union === null ? null : 100 - union;
  const rate52 = pct(p.onTime, p.pakn);
  const rate53 = p.pakn > 0 ? pct(p.pakn - p.unsatisfiedOrLate, p.pakn) : null;
  const i = method.indicators;
  return {
    version: method.version,
    ...d,
    ...p,
    rate54: round2OrNull(rate54),
    rate54Union: round2OrNull(rate54Union),
    rate52: round2OrNull(rate52),
    rate53: round2OrNull(rate53),
    points54: qd766Points(rate54, i["5.4"]),
    points52: qd766Points(rate52, i["5.2"]),
    points53: qd766Points(rate53, i["5.3"]),
  };
}

/** The facts of one dossier in a period, as the import and the ratings give them. */
export type DossierFacts = { due: string; returned: string; disliked: boolean; withPakn: boolean };

/** Counts a group's settled dossiers (pure; the reader passes only those returned in the period). */
export function countDossiers(list: readonly DossierFacts[]): DossierCounts {
  let late = 0;
  let disliked = 0;
  let withPakn = 0;
  let flagged = 0;
  let lateOrFlagged = 0;
  for (const d of list) {
    const isLate = d.returned > d.due;
    const isFlagged = d.disliked || d.withPakn;
    if (isLate) late++;
    if (d.disliked) disliked++;
    if (d.withPakn) withPakn++;
    if (isFlagged) flagged++;
    if (isLate || isFlagged) lateOrFlagged++;
  }
  return { dossiers: list.length, late, disliked, withPakn, flagged, lateOrFlagged };
}

/** The facts of one PAKN received in the period; `handled` null while open. */
export type PaknFacts = { due: string; handled: string | null; unsatisfied: boolean };

/** Counts a group's PAKN received in the period, as of the period's last day `end`. */
export function countPakn(list: readonly PaknFacts[], end: string): PaknCounts {
  let onTime = 0;
  let unsatisfied = 0;
  let unsatisfiedOrLate = 0;
  for (const p of list) {
    const timely = p.handled === null ? p.due >= end : p.handled <= p.due;
    if (timely) onTime++;
    if (p.unsatisfied) unsatisfied++;
    if (p.unsatisfied || !timely) unsatisfiedOrLate++;
  }
  return { pakn: list.length, onTime, unsatisfied, unsatisfiedOrLate };
}
