/**
 * The create/edit forms of the directory screens. A saved form is a one-row directory file that goes
 * through `importDirectory`: the same checks, the same Vietnamese messages and the same transaction as an
 * import, and an edit is "described in full" as an import row is. Form fields are named as the spreadsheet
 * columns (tabular.server.ts); the forms' schemas are entry-forms.ts. Targets from a date are added beside the
 * older ones, so history is kept.
 */
import { sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { targets } from "../../db/schema";
import { excluded } from "../../db/sql";
import { audit } from "../auth/audit.server";
import type { EntryInput, TargetInput } from "./entry-forms";
import type { DirectoryError, Section } from "./file-schema";
import { idOfCode } from "./ids.server";
import { importDirectory } from "./import.server";
import { COLUMNS, toRow } from "./tabular.server";

/** The URL segment of each list: /quan-tri/danh-muc/co-quan. */
export const LIST_SLUGS = { nganh: "sectors", "linh-vuc": "fields", "co-quan": "agencies", quay: "counters", "thu-tuc": "procedures" } as const;
export type ListSlug = keyof typeof LIST_SLUGS;

export const isListSlug = (value: string | undefined): value is ListSlug => value !== undefined && Object.hasOwn(LIST_SLUGS, value);

/** A refusal's errors keep the import's path (`agencies[0].successor`), so the page can put each beside its field. */
export type EditOutcome = { ok: true; message: "saved" | "targetAdded"; code: string } | { ok: false; errors: DirectoryError[] };

export function saveEntry(db: Db, userId: number, section: Section, entry: EntryInput): EditOutcome {
  const values: Record<string, string | string[] | undefined> = entry;
  // The cells of a spreadsheet row: a list (the counter's fields) as the sheet writes it, "A;B".
  const cells = Object.fromEntries(COLUMNS[section].map((c) => [c, [values[c] ?? ""].flat().join(";").trim()]));
  const row = toRow(section, cells);
  const result = importDirectory(db, { [section]: [row] });
  if (!result.ok) return { ok: false, errors: result.errors };
  const code = String(row.code);
  const created = result.created[section] > 0;
  audit(db, { userId, action: `directory.${section}.${created ? "create" : "update"}`, target: code, details: row });
  return { ok: true, message: "saved", code };
}

/** A field's target from a day: a new row (older ones stay, for the periods before), or that day's row updated. */
export function addTarget(db: Db, userId: number, target: TargetInput): EditOutcome {
  const { ma: field, phep_so_sanh: op, ti_le: pct, tu_ngay: validFrom } = target;
  const fieldId = idOfCode(db, "field", field);
  if (fieldId === null) return { ok: false, errors: [{ path: "ma", message: `Không có lĩnh vực «${field}»` }] };
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
