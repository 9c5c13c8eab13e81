/**
 * Group keys → published keys and labels, in display order, and the targets in force. Directory groups
 * are keyed by their code and labelled with their name; calendar and profile groups are pre-seeded (an
 * empty month or an option nobody chose still shows, with zeros and nulls); directory and channel groups
 * appear only when they have responses. The group of responses without a field, counter… has key "".
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { fields, targets } from "../../db/schema";
import { DIRECTORY_TABLES } from "../directory/ids.server";
import type { Target } from "../method";
import { periodKey, periodRange, addDays, type DayRange } from "../method/period";
import { CHANNELS, type Locale } from "../survey/codes";
import { allQuestions, type SurveyDefinition } from "../survey/definition";
import type { By } from "./query";

export type Labeled = { key: string; label: string };
type Entry = Labeled & { rawKey: string };

const NONE: Record<string, Record<Locale, string>> = {
  agency: { vi: "(không rõ cơ quan)", en: "(unknown agency)" },
  field: { vi: "(không rõ lĩnh vực)", en: "(no field given)" },
  sector: { vi: "(không rõ ngành)", en: "(no sector)" },
  counter: { vi: "(không qua quầy)", en: "(no counter)" },
  profile: { vi: "(không trả lời)", en: "(not answered)" },
};

/** Every period key of `kind` that a range touches, in order. */
function periodsIn(range: DayRange, kind: "month" | "quarter"): string[] {
  const keys: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(periodRange(periodKey(day, kind)).to, 1)) {
    keys.push(periodKey(day, kind));
  }
  return keys;
}

/** Read for every breakdown of a dashboard: prepared once per connection. */
const reads = perConnection((db) => {
  // The directory breakdowns, labelled by name.
  const directory = (kind: "agency" | "field" | "sector" | "counter") => {
    const t = DIRECTORY_TABLES[kind];
    return db.select({ id: t.id, code: t.code, name: t.name }).from(t).orderBy(asc(t.code)).prepare();
  };
  return {
    agency: directory("agency"),
    field: directory("field"),
    sector: directory("sector"),
    counter: directory("counter"),
    targets: db
      .select({ fieldId: targets.fieldId, field: fields.code, op: targets.op, pct: targets.pct })
      .from(targets)
      .leftJoin(fields, eq(fields.id, targets.fieldId))
      .where(and(isNull(targets.agencyId), lte(targets.validFrom, sql.placeholder("from"))))
      .orderBy(asc(targets.validFrom))
      .prepare(),
  };
});

/** The groups to publish for the raw keys that have counts. */
export function labelGroups(db: Db, args: { by: By; def: SurveyDefinition; range: DayRange; locale: Locale; keys: Iterable<string> }): Entry[] {
  const { by, locale } = args;
  const present = new Set(args.keys);
  const none = (kind: string): Entry[] => (present.has("") ? [{ rawKey: "", key: "", label: NONE[kind]?.[locale] ?? "" }] : []);
  switch (by.kind) {
    case "none":
    case "criterion":
      return [];
    case "month":
    case "quarter":
      return periodsIn(args.range, by.kind).map((k) => ({ rawKey: k, key: k, label: k }));
    case "channel":
      return CHANNELS.filter((c) => present.has(c)).map((c) => ({ rawKey: c, key: c, label: c }));
    case "profile": {
      const q = allQuestions(args.def).find((x) => x.code === by.question);
      const options = q && (q.type === "single" || q.type === "multi") ? q.options : [];
      return [...options.map((o) => ({ rawKey: String(o.code), key: String(o.code), label: o.label[locale] })), ...none("profile")];
    }
    default: {
      const rows = reads(db)[by.kind].all();
      const listed = rows.filter((r) => present.has(String(r.id))).map((r) => ({ rawKey: String(r.id), key: r.code, label: r.name }));
      return [...listed, ...none(by.kind)];
    }
  }
}

export type Targets = { overall: Target | null; byField: Record<string, Target> };

/** The targets in force on the first day of the period: the latest `valid_from` not after it. */
export function targetsInForce(db: Db, from: string): Targets {
  const rows = reads(db).targets.all({ from });
  // Later rows (a later `valid_from`) replace earlier ones: what is left is the target in force.
  const inForce: Targets = { overall: null, byField: {} };
  for (const r of rows) {
    const target = { op: r.op, pct: r.pct };
    if (r.fieldId === null) inForce.overall = target;
    else if (r.field !== null) inForce.byField[r.field] = target;
  }
  return inForce;
}
