/**
 * The figures of a published period, frozen when an administrator publishes it (table `publications`).
 * The shape is the privacy rule written as a type: every string is a code, a day or an official name
 * (the directory's agencies and fields, the questionnaire's element labels) — there is no field for a
 * respondent's text — and a unit with fewer than FEW_ANSWERS_MIN responses (or without an index) is
 * `{ code, enough: false }`, which has no room for a number. Counts below the threshold are refused by
 * the schema itself (`responses`/`n` have a minimum), so a builder bug cannot slip one through.
 * Pure and free of server code: the public page, the admin preview and the tests read the same type.
 */
import { z } from "zod";

import { DIRECTORY_CODE, isOfficialName } from "../directory/rules";
import { SURVEY_ID } from "../figures/surveys";
import { FEW_ANSWERS_MIN } from "../method/targets";
import { PERIOD_KINDS, readPeriodKey } from "../method/period";
import { TARGET_OPS } from "../survey/codes";

export const SNAPSHOT_VERSION = 1;

const code = z.string().regex(DIRECTORY_CODE);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rate = z.number().min(0).max(100);
const delta = z.number().min(-100).max(100);
/** A count that may be published: at least the threshold, never a small group's size. */
const enoughCount = z.number().int().min(FEW_ANSWERS_MIN);
/**
 * An official name (agency, field, element): the directory's name rule (short, one line, no markup). A
 * snapshot frozen before that rule was checked against the older one (1–300 UTF-16 units, no < > or line
 * break): it still reads.
 */
const officialName = z.string().refine((name) => isOfficialName(name) || /^[^<>\n\r]{1,300}$/.test(name));
const bilingual = z.object({ vi: officialName, en: officialName }).strict();
const target = z.object({ op: z.enum(TARGET_OPS), pct: rate }).strict();

const enoughUnit = z
  .object({
    code,
    enough: z.literal(true),
    responses: enoughCount,
    index: rate,
    /** Wilson interval when the index is one rate (counter rating); null for the SIPAS index. */
    ciLow: rate.nullable(),
    ciHigh: rate.nullable(),
    target: target.nullable(),
    status: z.enum(["met", "notMet", "noTarget"]),
    /** Rank among units with enough answers (1 = best). */
    rank: z.number().int().min(1).nullable(),
    /** Δ against the previous period, only when that period also had enough answers. */
    delta: delta.nullable(),
  })
  .strict();
/** "Chưa đủ số phiếu": the unit is named, nothing else about it is published. */
const fewUnit = z.object({ code, enough: z.literal(false) }).strict();
const unit = z.discriminatedUnion("enough", [enoughUnit, fewUnit]);

const province = z.discriminatedUnion("enough", [enoughUnit.omit({ code: true, rank: true }), fewUnit.omit({ code: true })]);

const component = z.discriminatedUnion("enough", [
  z.object({ code, enough: z.literal(true), rate, n: enoughCount, ciLow: rate.nullable(), ciHigh: rate.nullable() }).strict(),
  fewUnit,
]);

/** A per-respondent measure (QĐ 56's «tỷ lệ hài lòng toàn diện»): a rate like a component's. */
const measure = component;
/** A number question (QĐ 56's G1): mean, median and shares at or above its thresholds. */
const numberSummary = z.discriminatedUnion("enough", [
  z
    .object({
      code,
      enough: z.literal(true),
      n: enoughCount,
      mean: z.number(),
      median: z.number().nullable(),
      atLeast: z.array(z.object({ threshold: z.number().int(), share: rate.nullable() }).strict()),
    })
    .strict(),
  fewUnit,
]);
const labelWithUnit = z.object({ vi: officialName, en: officialName, unit: bilingual.optional() }).strict();

const correction = z
  .object({ kind: z.enum(["agency", "field"]), code, index: rate, target: target.nullable(), belowTarget: z.boolean(), delta: delta.nullable() })
  .strict();

export const snapshotSchema = z
  .object({
    version: z.literal(SNAPSHOT_VERSION),
    /** Any registered survey (the registry decides, app/figures/surveys.ts). */
    survey: z.string().regex(SURVEY_ID),
    /** "elements": the SIPAS index of five elements; "question": the rate of one question (counter rating). */
    kind: z.enum(["elements", "question"]),
    methodVersion: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    period: z
      .object({
        kind: z.enum([...PERIOD_KINDS, "custom"]),
        key: z
          .string()
          .refine((key) => readPeriodKey(key) !== null)
          .nullable(),
        from: day,
        to: day,
      })
      .strict(),
    province,
    components: z.array(component),
    /** Only for surveys that declare measures or ask number questions (snapshots of others stay as they were). */
    measures: z.array(measure).optional(),
    numbers: z.array(numberSummary).optional(),
    agencies: z.array(unit),
    fields: z.array(unit),
    toCorrect: z.array(correction),
    names: z
      .object({
        survey: bilingual,
        components: z.record(code, bilingual),
        measures: z.record(code, labelWithUnit).optional(),
        agencies: z.record(code, officialName),
        fields: z.record(code, officialName),
      })
      .strict(),
  })
  .strict()
  .superRefine((s, ctx) => {
    // Names only for what is published: the record cannot become a side channel.
    const named = (where: "agencies" | "fields" | "components", codes: string[]) => {
      const wanted = new Set(codes);
      for (const key of Object.keys(s.names[where])) {
        if (!wanted.has(key)) ctx.addIssue({ code: "custom", path: ["names", where, key], message: "tên không thuộc đơn vị nào được công bố" });
      }
    };
    named("agencies", [...s.agencies.map((u) => u.code), ...s.toCorrect.filter((c) => c.kind === "agency").map((c) => c.code)]);
    named("fields", [...s.fields.map((u) => u.code), ...s.toCorrect.filter((c) => c.kind === "field").map((c) => c.code)]);
    named(
      "components",
      s.components.map((c) => c.code),
    );
    const extras = new Set([...(s.measures ?? []), ...(s.numbers ?? [])].map((m) => m.code));
    for (const key of Object.keys(s.names.measures ?? {})) {
      if (!extras.has(key)) ctx.addIssue({ code: "custom", path: ["names", "measures", key], message: "tên không thuộc chỉ số nào được công bố" });
    }
  });

export type Snapshot = z.output<typeof snapshotSchema>;
export type SnapshotUnit = z.output<typeof unit>;
export type SnapshotProvince = Snapshot["province"];
