/**
 * `import-pakn FILE.csv|FILE.xlsx` (docs/contracts.md §QĐ 766): PAKN from the province's PAKN system, header
 * `id,agency,received,due,handled,dossier,unsatisfied`, keyed by the source's `id`. The same rules as the
 * dossier import: all or nothing, a Vietnamese error naming each bad line, only the keyed hash of a receipt code
 * stored, a row that says nothing new leaves its PAKN untouched.
 */
import { eq, or, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { pakn } from "../../db/qd766-schema";
import { excluded } from "../../db/sql";
import type { CsvRecord } from "~/csv/read.server";
import { DOSSIER_CODE_PATTERN, normaliseDossierCode } from "~/dossiers/code";
import { dossierHash } from "~/dossiers/hash.server";
import { directoryLookup, headerOf, upsertCounting, type DossierImportError, type DossierImportResult } from "~/dossiers/import.server";
import { isDay } from "~/method/period";

export const PAKN_CSV_HEADER = ["id", "agency", "received", "due", "handled", "dossier", "unsatisfied"] as const;
/** The source's id: printable, no line break; what PAKN systems number their items with. */
const SOURCE_ID = /^[\p{L}\p{N}._/:-]{1,80}$/u;

export type PaknRow = {
  sourceId: string;
  agencyId: number;
  receivedDay: string;
  dueDay: string;
  handledDay: string | null;
  dossierHash: string | null;
  unsatisfied: boolean;
};

export function importPaknRecords(db: Db, secret: string, records: readonly CsvRecord[], now = Date.now()): DossierImportResult {
  const [header, ...data] = records;
  if (!header || !headerOf(header, PAKN_CSV_HEADER)) {
    return { ok: false, errors: [{ line: header?.line ?? 1, message: `dòng tiêu đề phải là «${PAKN_CSV_HEADER.join(",")}»` }] };
  }
  if (!data.length) return { ok: false, errors: [{ line: header.line, message: "tệp không có dòng phản ánh, kiến nghị nào" }] };
  const agency = directoryLookup(db, "agency");
  const errors: DossierImportError[] = [];
  const rows: PaknRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of data) {
    if (cells.length !== PAKN_CSV_HEADER.length) {
      errors.push({ line, message: `cần ${PAKN_CSV_HEADER.length} cột, có ${cells.length}` });
      continue;
    }
    const [id, agencyCode, received, due, handled, dossier, unsatisfied] = cells.map((c) => c.trim()) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const problems: string[] = [];
    if (!SOURCE_ID.test(id)) problems.push("mã phản ánh, kiến nghị phải gồm 1–80 ký tự: chữ, số, '.', '_', '/', ':', '-'");
    else if (seen.has(id)) problems.push(`mã phản ánh, kiến nghị trùng với dòng ${seen.get(id)}`);
    const agencyId = agencyCode ? agency(agencyCode) : undefined;
    if (!agencyCode) problems.push("thiếu mã cơ quan");
    else if (agencyId === undefined) problems.push(`không có cơ quan «${agencyCode}»`);
    if (!isDay(received)) problems.push(`ngày tiếp nhận «${received}» không hợp lệ (cần YYYY-MM-DD)`);
    if (!isDay(due)) problems.push(`ngày hạn xử lý «${due}» không hợp lệ (cần YYYY-MM-DD)`);
    if (handled && !isDay(handled)) problems.push(`ngày xử lý xong «${handled}» không hợp lệ (cần YYYY-MM-DD)`);
    if (isDay(received) && isDay(due) && due < received) problems.push("hạn xử lý ở trước ngày tiếp nhận");
    if (isDay(received) && isDay(handled) && handled < received) problems.push("ngày xử lý xong ở trước ngày tiếp nhận");
    // The receipt code itself is never echoed: error output may end up in logs.
    if (dossier && !DOSSIER_CODE_PATTERN.test(normaliseDossierCode(dossier))) problems.push("mã hồ sơ phải gồm 4–40 ký tự: chữ, số, '-', '/', '.'");
    if (!["", "0", "1"].includes(unsatisfied)) problems.push(`cột unsatisfied chỉ nhận 1, 0 hoặc để trống, không nhận «${unsatisfied}»`);
    if (problems.length) {
      errors.push({ line, message: problems.join("; ") });
      continue;
    }
    seen.set(id, line);
    rows.push({
      sourceId: id,
      agencyId: agencyId!,
      receivedDay: received,
      dueDay: due,
      handledDay: handled || null,
      dossierHash: dossier ? dossierHash(secret, dossier) : null,
      unsatisfied: unsatisfied === "1",
    });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, ...writePakn(db, rows, now) };
}

/** Writes PAKN in one transaction: created, or updated when something differs (else untouched and not counted). */
export function writePakn(
  db: Db,
  rows: readonly PaknRow[],
  now: number,
  createdBy: number | null = null,
  responseId: number | null = null,
): { created: number; updated: number } {
  const p = pakn;
  const exists = db
    .select({ id: p.id })
    .from(p)
    .where(eq(p.sourceId, sql.placeholder("sourceId")))
    .prepare();
  const columns = [p.agencyId, p.receivedDay, p.dueDay, p.handledDay, p.dossierHash, p.unsatisfied] as const;
  const upsert = db
    .insert(p)
    .values({
      sourceId: sql.placeholder("sourceId"),
      agencyId: sql.placeholder("agencyId"),
      receivedDay: sql.placeholder("receivedDay"),
      dueDay: sql.placeholder("dueDay"),
      handledDay: sql.placeholder("handledDay"),
      dossierHash: sql.placeholder("dossierHash"),
      unsatisfied: sql.placeholder("unsatisfied"),
      responseId: sql.placeholder("responseId"),
      createdBy: sql.placeholder("createdBy"),
      updatedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: p.sourceId,
      set: {
        agencyId: excluded(p.agencyId),
        receivedDay: excluded(p.receivedDay),
        dueDay: excluded(p.dueDay),
        handledDay: excluded(p.handledDay),
        dossierHash: excluded(p.dossierHash),
        unsatisfied: excluded(p.unsatisfied),
        updatedAt: excluded(p.updatedAt),
      },
      setWhere: or(...columns.map((c) => sql`${c} is not ${excluded(c)}`)),
    })
    .prepare();
  return upsertCounting(db, rows, (r) => ({
    existed: exists.get({ sourceId: r.sourceId }) !== undefined,
    changed: upsert.run({ ...r, unsatisfied: r.unsatisfied ? 1 : 0, responseId, createdBy, now }).changes > 0,
  }));
}
