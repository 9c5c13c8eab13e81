/**
 * `import-dossiers FILE.csv`: the dossiers whose results were returned (header code,agency,field,procedure,
 * returned). All or nothing: any bad row and nothing is written; errors name the line in Vietnamese. Only the
 * keyed hash of each code is stored. A dossier already imported is updated (a corrected export can be re-run).
 */
import type { Db } from "../../db/client";
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
  const sqlite = db.$client;
  const lookup = (table: "agencies" | "fields" | "procedures") => {
    const statement = sqlite.prepare<[string], { id: number }>(`select id from ${table} where code = ?`);
    const cache = new Map<string, number | undefined>();
    return (code: string) => {
      if (!cache.has(code)) cache.set(code, statement.get(code)?.id);
      return cache.get(code);
    };
  };
  const agency = lookup("agencies");
  const field = lookup("fields");
  const procedure = lookup("procedures");

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

  const exists = sqlite.prepare<[string], { id: number }>("select id from dossiers where code_hash = ?");
  const upsert = sqlite.prepare(
    `insert into dossiers (code_hash, agency_id, field_id, procedure_id, returned_day, imported_at)
     values (@hash, @agencyId, @fieldId, @procedureId, @day, @now)
     on conflict (code_hash) do update set agency_id = excluded.agency_id, field_id = excluded.field_id,
       procedure_id = excluded.procedure_id, returned_day = excluded.returned_day, imported_at = excluded.imported_at`,
  );
  let created = 0;
  let updated = 0;
  sqlite
    .transaction(() => {
      for (const row of good) {
        if (exists.get(row.hash)) updated++;
        else created++;
        upsert.run({ hash: row.hash, agencyId: row.agencyId, fieldId: row.fieldId, procedureId: row.procedureId, day: row.day, now });
      }
    })
    .immediate();
  return { ok: true, created, updated };
}
