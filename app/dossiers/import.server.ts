/**
 * `import-dossiers FILE.csv`: the dossiers whose results were returned (header code,agency,field,procedure,
 * returned). All or nothing: any bad row and nothing is written; errors name the line in Vietnamese. Only the
 * keyed hash of each code is stored. A dossier already imported is updated (a corrected export can be re-run).
 */
import { eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { dossiers } from "../../db/schema";
import { excluded } from "../../db/sql";
import { idOfCode, type DirectoryKind } from "~/directory/ids.server";
import { CsvReadError, readCsv } from "~/csv/read.server";
import { isDay } from "~/method/period";

import { DOSSIER_CODE_PATTERN, normaliseDossierCode } from "./code";
import { dossierHash } from "./hash.server";

export const DOSSIER_CSV_HEADER = ["code", "agency", "field", "procedure", "returned"] as const;

export type DossierImportError = { line: number; message: string };
export type DossierImportResult =
  | { ok: true; created: number; updated: number }
  | { ok: false; errors: DossierImportError[] };

type Row = { line: number; hash: string; agencyId: number; fieldId: number | null; procedureId: number | null; day: string };

export function importDossiers(db: Db, secret: string, text: string, now = Date.now()): DossierImportResult {
  let rows;
  try {
    rows = readCsv(text);
  } catch (error) {
    if (error instanceof CsvReadError) return { ok: false, errors: [{ line: error.line, message: error.message }] };
    throw error;
  }
  const [header, ...data] = rows;
  const expected = DOSSIER_CSV_HEADER.join(",");
  if (!header || header.cells.map((c) => c.trim().toLowerCase()).join(",") !== expected) {
    return { ok: false, errors: [{ line: header?.line ?? 1, message: `dòng tiêu đề phải là «${expected}»` }] };
  }
  // A file repeats a few codes on thousands of lines: each is looked up once.
  const lookup = (kind: DirectoryKind) => {
    const cache = new Map<string, number | undefined>();
    return (code: string) => {
      if (!cache.has(code)) cache.set(code, idOfCode(db, kind, code) ?? undefined);
      return cache.get(code);
    };
  };
  const agency = lookup("agency");
  const field = lookup("field");
  const procedure = lookup("procedure");

  const errors: DossierImportError[] = [];
  const good: Row[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of data) {
    const problems: string[] = [];
    if (cells.length !== DOSSIER_CSV_HEADER.length) {
      errors.push({ line, message: `cần ${DOSSIER_CSV_HEADER.length} cột, có ${cells.length}` });
      continue;
    }
    const [code, agencyCode, fieldCode, procedureCode, returned] = cells.map((c) => c.trim()) as [string, string, string, string, string];
    const normal = normaliseDossierCode(code);
    // The code itself is never echoed: error output may end up in logs.
    if (!DOSSIER_CODE_PATTERN.test(normal)) problems.push("mã hồ sơ phải gồm 4–40 ký tự: chữ, số, '-', '/', '.'");
    const agencyId = agencyCode ? agency(agencyCode) : undefined;
    if (!agencyCode) problems.push("thiếu mã cơ quan");
    else if (agencyId === undefined) problems.push(`không có cơ quan «${agencyCode}»`);
    const fieldId = fieldCode ? field(fieldCode) : null;
    if (fieldCode && fieldId === undefined) problems.push(`không có lĩnh vực «${fieldCode}»`);
    const procedureId = procedureCode ? procedure(procedureCode) : null;
    if (procedureCode && procedureId === undefined) problems.push(`không có thủ tục «${procedureCode}» trong danh mục`);
    if (!isDay(returned)) problems.push(`ngày trả kết quả «${returned}» không hợp lệ (cần YYYY-MM-DD)`);
    const hash = DOSSIER_CODE_PATTERN.test(normal) ? dossierHash(secret, normal) : "";
    if (hash && seen.has(hash)) problems.push(`mã hồ sơ trùng với dòng ${seen.get(hash)}`);
    if (problems.length) {
      errors.push({ line, message: problems.join("; ") });
      continue;
    }
    seen.set(hash, line);
    good.push({ line, hash, agencyId: agencyId!, fieldId: fieldId ?? null, procedureId: procedureId ?? null, day: returned });
  }
  if (errors.length) return { ok: false, errors };
  if (!good.length) return { ok: false, errors: [{ line: header.line, message: "tệp không có dòng hồ sơ nào" }] };

  // Prepared once, run per row: a file may hold a year's dossiers.
  const exists = db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(eq(dossiers.codeHash, sql.placeholder("hash")))
    .prepare();
  const d = dossiers;
  const upsert = db
    .insert(d)
    .values({
      codeHash: sql.placeholder("hash"),
      agencyId: sql.placeholder("agencyId"),
      fieldId: sql.placeholder("fieldId"),
      procedureId: sql.placeholder("procedureId"),
      returnedDay: sql.placeholder("day"),
      importedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: d.codeHash,
      set: { agencyId: excluded(d.agencyId), fieldId: excluded(d.fieldId), procedureId: excluded(d.procedureId), returnedDay: excluded(d.returnedDay), importedAt: excluded(d.importedAt) },
    })
    .prepare();
  let created = 0;
  let updated = 0;
  db.transaction(
    () => {
      for (const r of good) {
        if (exists.get({ hash: r.hash })) updated++;
        else created++;
        upsert.run({ hash: r.hash, agencyId: r.agencyId, fieldId: r.fieldId, procedureId: r.procedureId, day: r.day, now });
      }
    },
    { behavior: "immediate" },
  );
  return { ok: true, created, updated };
}
