/**
 * `indicators-766` (docs/contracts.md §QĐ 766): indicators 5.2, 5.3 and 5.4 of QĐ 766/QĐ-TTg per group, read
 * from each dossier's life, the ratings that carry its receipt code and the PAKN; the method is app/method/qd766.ts
 * (docs/method.md §8). A dossier is settled in a period when its returned day is in it; with PAKN when a PAKN
 * naming it was received on or before the last day of the group's period (a month row: that month's last day).
 */
import { and, between, eq, min, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { pakn } from "../../db/qd766-schema";
import { agencies, answers, dossiers, fields, responses, sectors } from "../../db/schema";
import { formatMonth } from "~/i18n/vn-time";
import {
  countDossiers,
  countPakn,
  DEFAULT_QD766,
  qd766Figures,
  type DossierCounts,
  type DossierFacts,
  type PaknFacts,
  type Qd766Figures,
  type Qd766Method,
} from "~/method/qd766";
import { periodKey, periodParts, periodRange, type DayRange } from "~/method/period";
import { reportable } from "~/results/reportable";

export const QD766_BY = ["none", "agency", "sector", "field", "month", "quarter", "year"] as const;
export type Qd766By = (typeof QD766_BY)[number];

/** One group's figures as the contract names them: the method's, PAKN counts renamed (docs/contracts.md §QĐ 766). */
export type Qd766Row = DossierCounts &
  Pick<Qd766Figures, "rate54" | "rate54Union" | "points54" | "pakn" | "rate52" | "rate53" | "points52" | "points53"> & {
    paknOnTime: number;
    paknUnsatisfied: number;
  };
export type Qd766Group = { key: string; label: string } & Qd766Row;
export type Qd766Indicators = { from: string; to: string; by: Qd766By; version: string; overall: Qd766Row; groups: Qd766Group[] };

/** The question and code of a «Không hài lòng» rating (danh-gia-ho-so, SAT3). */
const OVERALL_QUESTION = "TONG_THE";
const DISLIKED_CODE = 1;

type GroupKeys = { agency: [string, string]; sector: [string, string]; field: [string, string] };
type DossierLine = GroupKeys & { returned: string; due: string | null; disliked: boolean; firstPakn: string | null };
type PaknLine = GroupKeys & { received: string; due: string; handled: string | null; unsatisfied: boolean };

const NO_SECTOR: [string, string] = ["", "Không thuộc ngành"];
const NO_FIELD: [string, string] = ["", "Không rõ lĩnh vực"];

/** The agency, its sector and the field a dossier or PAKN is grouped by (the same joins in both reads). */
const UNIT_COLUMNS = {
  agency: agencies.code,
  agencyName: agencies.name,
  sector: sectors.code,
  sectorName: sectors.name,
  field: fields.code,
  fieldName: fields.name,
};
type UnitRow = {
  agency: string;
  agencyName: string;
  sector: string | null;
  sectorName: string | null;
  field: string | null;
  fieldName: string | null;
};

function unitKeys(r: UnitRow): GroupKeys {
  return {
    agency: [r.agency, r.agencyName],
    sector: r.sector ? [r.sector, r.sectorName!] : NO_SECTOR,
    field: r.field ? [r.field, r.fieldName!] : NO_FIELD,
  };
}

function settledDossiers(db: Db, range: DayRange): DossierLine[] {
  const disliked = db
    .select({ one: sql`1` })
    .from(responses)
    .innerJoin(answers, eq(answers.responseId, responses.id))
    .where(
      and(
        eq(responses.dossierHash, dossiers.codeHash),
        reportable(responses),
        eq(answers.question, OVERALL_QUESTION),
        eq(answers.code, DISLIKED_CODE),
      ),
    );
  const firstPakn = db
    .select({ day: min(pakn.receivedDay) })
    .from(pakn)
    .where(eq(pakn.dossierHash, dossiers.codeHash));
  const rows = db
    .select({
      returned: dossiers.returnedDay,
      due: dossiers.dueDay,
      ...UNIT_COLUMNS,
      // Correlated subqueries: each runs on the responses' unique dossier-hash index or pakn_dossier_idx.
      // (A subquery of the builder comes in its own parentheses.)
      disliked: sql<number>`exists ${disliked}`,
      firstPakn: sql<string | null>`${firstPakn}`,
    })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(sectors, eq(sectors.id, agencies.sectorId))
    .leftJoin(fields, eq(fields.id, dossiers.fieldId))
    .where(between(dossiers.returnedDay, range.from, range.to))
    .all();
  return rows.map((r) => ({
    returned: r.returned!,
    due: r.due,
    disliked: r.disliked === 1,
    firstPakn: r.firstPakn,
    ...unitKeys(r),
  }));
}

function receivedPakn(db: Db, range: DayRange): PaknLine[] {
  const rows = db
    .select({
      received: pakn.receivedDay,
      due: pakn.dueDay,
      handled: pakn.handledDay,
      unsatisfied: pakn.unsatisfied,
      ...UNIT_COLUMNS,
    })
    .from(pakn)
    .innerJoin(agencies, eq(agencies.id, pakn.agencyId))
    .leftJoin(sectors, eq(sectors.id, agencies.sectorId))
    // A PAKN is counted under the field of the dossier it names, when it names one.
    .leftJoin(dossiers, eq(dossiers.codeHash, pakn.dossierHash))
    .leftJoin(fields, eq(fields.id, dossiers.fieldId))
    .where(between(pakn.receivedDay, range.from, range.to))
    .all();
  return rows.map((r) => ({
    received: r.received,
    due: r.due,
    handled: r.handled,
    unsatisfied: r.unsatisfied,
    ...unitKeys(r),
  }));
}

const ROMAN = ["I", "II", "III", "IV"];

/** A period key in Vietnamese: "Tháng 7/2026", "Quý III/2026", "Năm 2026". */
export function periodLabel(key: string): string {
  const p = periodParts(key);
  if (p.kind === "month") return `Tháng ${formatMonth(key)}`;
  if (p.kind === "quarter") return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
  if (p.kind === "half") return `6 tháng ${p.index === 1 ? "đầu" : "cuối"} năm ${p.year}`;
  return `Năm ${p.year}`;
}

function toRow(d: DossierFacts[], p: PaknFacts[], end: string, method: Qd766Method): Qd766Row {
  const f = qd766Figures(countDossiers(d), countPakn(p, end), method);
  return {
    dossiers: f.dossiers,
    late: f.late,
    disliked: f.disliked,
    withPakn: f.withPakn,
    flagged: f.flagged,
    lateOrFlagged: f.lateOrFlagged,
    rate54: f.rate54,
    rate54Union: f.rate54Union,
    points54: f.points54,
    pakn: f.pakn,
    paknOnTime: f.onTime,
    paknUnsatisfied: f.unsatisfied,
    rate52: f.rate52,
    rate53: f.rate53,
    points52: f.points52,
    points53: f.points53,
  };
}

export function qd766Indicators(db: Db, range: DayRange, by: Qd766By = "none", method: Qd766Method = DEFAULT_QD766): Qd766Indicators {
  const dossierLines = settledDossiers(db, range);
  const paknLines = receivedPakn(db, range);
  // A dossier's facts as of a period's last day: a PAKN received later does not flag it in that period.
  const facts = (l: DossierLine, end: string): DossierFacts => ({
    // A dossier of the earlier list (no due day known) is not counted late.
    due: l.due ?? l.returned,
    returned: l.returned,
    disliked: l.disliked,
    withPakn: l.firstPakn !== null && l.firstPakn <= end,
  });
  const paknFacts = (l: PaknLine): PaknFacts => ({ due: l.due, handled: l.handled, unsatisfied: l.unsatisfied });
  const overall = toRow(
    dossierLines.map((l) => facts(l, range.to)),
    paknLines.map(paknFacts),
    range.to,
    method,
  );
  if (by === "none") return { from: range.from, to: range.to, by, version: method.version, overall, groups: [] };

  const isPeriod = by === "month" || by === "quarter" || by === "year";
  const keyOf = (l: GroupKeys, day: string): [string, string] => {
    if (isPeriod) {
      const key = periodKey(day, by);
      return [key, periodLabel(key)];
    }
    return l[by as keyof GroupKeys];
  };
  const groups = new Map<string, { label: string; d: DossierLine[]; p: PaknLine[] }>();
  const groupOf = (key: string, label: string) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label, d: [], p: [] }));
    return g;
  };
  for (const l of dossierLines) groupOf(...keyOf(l, l.returned)).d.push(l);
  for (const l of paknLines) groupOf(...keyOf(l, l.received)).p.push(l);
  const list = [...groups.entries()].map(([key, g]) => {
    // The group's period ends with the request's or earlier (a month row ends with its month).
    const periodEnd = isPeriod ? periodRange(key).to : range.to;
    const end = periodEnd < range.to ? periodEnd : range.to;
    return {
      key,
      label: g.label,
      ...toRow(
        g.d.map((l) => facts(l, end)),
        g.p.map(paknFacts),
        end,
        method,
      ),
    };
  });
  list.sort((a, b) => (isPeriod ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, "vi")));
  return { from: range.from, to: range.to, by, version: method.version, overall, groups: list };
}

export function isQd766By(value: string): value is Qd766By {
  return (QD766_BY as readonly string[]).includes(value);
}
