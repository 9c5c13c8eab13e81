/**
 * The create/edit forms of the directory screens. A saved form is a one-row directory file that goes
 * through `importDirectory`: the same checks, the same Vietnamese messages and the same transaction as an
 * import, and an edit is "described in full" as an import row is. Form fields are named as the spreadsheet
 * columns (tabular.server.ts). Targets from a date are added beside the older ones, so history is kept.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";

import type { Db } from "../../db/client";
import { targets } from "../../db/schema";
import { excluded } from "../../db/sql";
import { audit } from "../auth/audit.server";
import { TARGET_OPS } from "../survey/codes";
import { directoryCode, type Section } from "./file-schema";
import { idOfCode } from "./ids.server";
import { importDirectory } from "./import.server";
import { COLUMNS, toRow } from "./tabular.server";

/** The URL segment of each list: /quan-tri/danh-muc/co-quan. */
export const LIST_SLUGS = { nganh: "sectors", "linh-vuc": "fields", "co-quan": "agencies", quay: "counters", "thu-tuc": "procedures" } as const;
export type ListSlug = keyof typeof LIST_SLUGS;

export const isListSlug = (value: string | undefined): value is ListSlug => value !== undefined && Object.hasOwn(LIST_SLUGS, value);

export type EditOutcome = { ok: true; message: "saved" | "targetAdded"; code: string } | { ok: false; errors: string[] };

export function saveEntry(db: Db, userId: number, section: Section, form: FormData): EditOutcome {
  const cells = Object.fromEntries(COLUMNS[section].map((c) => [c, form.getAll(c).map(String).join(";").trim()]));
  const row = toRow(section, cells);
  const result = importDirectory(db, { [section]: [row] });
  if (!result.ok) return { ok: false, errors: result.errors.map((e) => e.message) };
  const code = String(row.code);
  const created = result.created[section] > 0;
  audit(db, { userId, action: `directory.${section}.${created ? "create" : "update"}`, target: code, details: row });
  return { ok: true, message: "saved", code };
}

const targetForm = z.object({
  field: directoryCode,
  op: z.enum(TARGET_OPS, { error: "Phép so sánh phải là «>» hoặc «>=»" }),
  pct: z.coerce.number({ error: "Tỉ lệ phải là số" }).min(0, { error: "Tỉ lệ phải từ 0 đến 100" }).max(100, { error: "Tỉ lệ phải từ 0 đến 100" }),
  validFrom: z.iso.date({ error: "Ngày áp dụng phải là một ngày có thật, dạng YYYY-MM-DD" }),
});

/** A field's target from a day: a new row (older ones stay, for the periods before), or that day's row updated. */
export function addTarget(db: Db, userId: number, form: FormData): EditOutcome {
  const parsed = targetForm.safeParse({
    field: form.get("ma"),
    op: form.get("phep_so_sanh"),
    pct: String(form.get("ti_le") ?? "").replace(",", "."),
    validFrom: form.get("tu_ngay"),
  });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const { field, op, pct, validFrom } = parsed.data;
  const fieldId = idOfCode(db, "field", field);
  if (fieldId === null) return { ok: false, errors: [`Không có lĩnh vực «${field}»`] };
  db.insert(targets)
    .values({ fieldId, agencyId: null, op, pct, validFrom })
    .onConflictDoUpdate({
      // The unique index targets_scope_unique (db/schema.ts): one target per field, agency and first day.
      target: [sql`coalesce(${targets.fieldId}, 0)`, sql`coalesce(${targets.agencyId}, 0)`, targets.validFrom],
      set: { op: excluded(targets.op), pct: excluded(targets.pct) },
    })
    .run();
  audit(db, { userId, action: "directory.target.save", target: field, details: { op, pct, validFrom } });
  return { ok: true, message: "targetAdded", code: field };
}
