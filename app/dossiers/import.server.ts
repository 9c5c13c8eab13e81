/**
 * `import-dossiers FILE.csv|FILE.xlsx` and `POST /api/v1/dossiers`: each dossier's life (docs/contracts.md
 * §QĐ 766) — header `code,agency,field,procedure,received,due,returned,channel`, or the earlier
 * `code,agency,field,procedure,returned` (then received and due are unknown). All or nothing: any bad row and
 * nothing is written; errors name the line in Vietnamese. Only the keyed hash of each code is stored. A dossier
 * already imported is updated (a later export carries its return, a new due date); a row that says nothing new
 * leaves it untouched, so importing the same file twice changes nothing.
 */
import { eq, or, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { dossiers } from "../../db/schema";
import { excluded } from "../../db/sql";
import { idOfCode, type DirectoryKind } from "~/directory/ids.server";
import type { CsvRecord } from "~/csv/read.server";
import { isDay } from "~/method/period";
import { readTableText } from "~/qd766/rows.server";

import { DOSSIER_CHANNELS, DOSSIER_CODE_PATTERN, normaliseDossierCode, type DossierChannel } from "./code";
import { dossierHash } from "./hash.server";

/** The earlier header: dossiers whose results were returned. */
export const DOSSIER_CSV_HEADER = ["code", "agency", "field", "procedure", "returned"] as const;
/** A dossier's whole life (QĐ 766). */
export const DOSSIER_LIFE_HEADER = ["code", "agency", "field", "procedure", "received", "due", "returned", "channel"] as const;

export type DossierImportError = { line: number; message: string };
export type DossierImportResult = { ok: true; created: number; updated: number } | { ok: false; errors: DossierImportError[] };

/** One dossier as a file row or an API item gives it (cells trimmed; "" = not given). */
export type DossierInput = {
  line: number;
  code: string;
  agency: string;
  field: string;
  procedure: string;
  received: string;
  due: string;
  returned: string;
  channel: string;
};

type Row = {
  hash: string;
  agencyId: number;
  fieldId: number | null;
  procedureId: number | null;
  received: string | null;
  due: string | null;
  returned: string | null;
  channel: DossierChannel | null;
};

/** A code → id lookup per directory list, once per code: a file repeats a few codes on thousands of lines. */
export function directoryLookup(db: Db, kind: DirectoryKind) {
  const cache = new Map<string, number | undefined>();
  return (code: string) => {
    if (!cache.has(code)) cache.set(code, idOfCode(db, kind, code) ?? undefined);
    return cache.get(code);
  };
}

/** The header's columns when it is one the import reads, else null. */
export function headerOf(record: CsvRecord | undefined, ...headers: (readonly string[])[]): readonly string[] | null {
  const got = record?.cells.map((c) => c.trim().toLowerCase()).join(",");
  return headers.find((h) => h.join(",") === got) ?? null;
}

export function importDossiers(db: Db, secret: string, text: string, now = Date.now()): DossierImportResult {
  const read = readTableText(text);
  if (!read.ok) return { ok: false, errors: [{ line: read.line, message: read.message }] };
  return importDossierRecords(db, secret, read.records, now);
}

/** A CSV file's or an XLSX sheet's records, header first. */
export function importDossierRecords(db: Db, secret: string, records: readonly CsvRecord[], now = Date.now()): DossierImportResult {
  const [header, ...data] = records;
  const columns = headerOf(header, DOSSIER_LIFE_HEADER, DOSSIER_CSV_HEADER);
  if (!header || !columns) {
    return {
      ok: false,
      errors: [
        { line: header?.line ?? 1, message: `dòng tiêu đề phải là «${DOSSIER_LIFE_HEADER.join(",")}» (hoặc «${DOSSIER_CSV_HEADER.join(",")}»)` },
      ],
    };
  }
  const errors: DossierImportError[] = [];
  const inputs: DossierInput[] = [];
  for (const { line, cells } of data) {
    if (cells.length !== columns.length) {
      errors.push({ line, message: `cần ${columns.length} cột, có ${cells.length}` });
      continue;
    }
    const cell: Partial<Record<string, string>> = Object.fromEntries(columns.map((c, i) => [c, cells[i]!.trim()]));
    inputs.push({
      line,
      code: cell.code ?? "",
      agency: cell.agency ?? "",
      field: cell.field ?? "",
      procedure: cell.procedure ?? "",
      received: cell.received ?? "",
      due: cell.due ?? "",
      returned: cell.returned ?? "",
      channel: cell.channel ?? "",
    });
  }
  if (!errors.length && !inputs.length) return { ok: false, errors: [{ line: header.line, message: "tệp không có dòng hồ sơ nào" }] };
  const checked = checkDossiers(db, secret, inputs, columns === DOSSIER_LIFE_HEADER);
  if (errors.length || !checked.ok) return { ok: false, errors: [...errors, ...(checked.ok ? [] : checked.errors)].sort((a, b) => a.line - b.line) };
  return { ok: true, ...writeDossiers(db, checked.rows, now) };
}

/**
 * Checks every input; `life` says the source gives received and due (then both are required and returned may be
 * empty), else only returned is given and required. The code itself is never echoed: error output may end up in logs.
 */
export function checkDossiers(
  db: Db,
  secret: string,
  inputs: readonly DossierInput[],
  life: boolean,
): { ok: true; rows: Row[] } | { ok: false; errors: DossierImportError[] } {
  const agency = directoryLookup(db, "agency");
  const field = directoryLookup(db, "field");
  const procedure = directoryLookup(db, "procedure");
  const errors: DossierImportError[] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const day = (value: string, label: string, problems: string[]) => {
    if (!isDay(value)) problems.push(`${label} «${value}» không hợp lệ (cần YYYY-MM-DD)`);
  };
  for (const input of inputs) {
    const problems: string[] = [];
    const normal = normaliseDossierCode(input.code);
    if (!DOSSIER_CODE_PATTERN.test(normal)) problems.push("mã hồ sơ phải gồm 4–40 ký tự: chữ, số, '-', '/', '.'");
    const agencyId = input.agency ? agency(input.agency) : undefined;
    if (!input.agency) problems.push("thiếu mã cơ quan");
    else if (agencyId === undefined) problems.push(`không có cơ quan «${input.agency}»`);
    const fieldId = input.field ? field(input.field) : null;
    if (input.field && fieldId === undefined) problems.push(`không có lĩnh vực «${input.field}»`);
    const procedureId = input.procedure ? procedure(input.procedure) : null;
    if (input.procedure && procedureId === undefined) problems.push(`không có thủ tục «${input.procedure}» trong danh mục`);
    if (life) {
      day(input.received, "ngày tiếp nhận", problems);
      day(input.due, "ngày hẹn trả", problems);
      if (input.returned) day(input.returned, "ngày trả kết quả", problems);
      if (isDay(input.received) && isDay(input.due) && input.due < input.received) problems.push("ngày hẹn trả ở trước ngày tiếp nhận");
      if (isDay(input.received) && isDay(input.returned) && input.returned < input.received) problems.push("ngày trả kết quả ở trước ngày tiếp nhận");
    } else day(input.returned, "ngày trả kết quả", problems);
    const channel = input.channel === "" ? null : (DOSSIER_CHANNELS.find((c) => c === input.channel) ?? undefined);
    if (channel === undefined) problems.push(`kênh nộp «${input.channel}» không hợp lệ (truc-tiep, truc-tuyen hoặc buu-chinh)`);
    const hash = DOSSIER_CODE_PATTERN.test(normal) ? dossierHash(secret, normal) : "";
    if (hash && seen.has(hash)) problems.push(`mã hồ sơ trùng với dòng ${seen.get(hash)}`);
    if (problems.length) {
      errors.push({ line: input.line, message: problems.join("; ") });
      continue;
    }
    seen.set(hash, input.line);
    rows.push({
      hash,
      agencyId: agencyId!,
      fieldId: fieldId ?? null,
      procedureId: procedureId ?? null,
      received: life ? input.received : null,
      due: life ? input.due : null,
      returned: input.returned || null,
      channel: channel ?? null,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** Writes checked rows in one transaction: created, or updated when something differs (else left as it is and not counted). */
export function writeDossiers(db: Db, rows: readonly Row[], now: number): { created: number; updated: number } {
  // Prepared once, run per row: a file may hold a year's dossiers.
  const exists = db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(eq(dossiers.codeHash, sql.placeholder("hash")))
    .prepare();
  const d = dossiers;
  // A list of the earlier header says nothing of received, due or channel: what is known is kept.
  const kept = (column: typeof d.receivedDay | typeof d.dueDay | typeof d.channel) => sql`coalesce(${excluded(column)}, ${column})`;
  const changed = [d.agencyId, d.fieldId, d.procedureId, d.returnedDay].map((c) => sql`${c} is not ${excluded(c)}`);
  for (const c of [d.receivedDay, d.dueDay, d.channel]) changed.push(sql`${c} is not ${kept(c)}`);
  const upsert = db
    .insert(d)
    .values({
      codeHash: sql.placeholder("hash"),
      agencyId: sql.placeholder("agencyId"),
      fieldId: sql.placeholder("fieldId"),
      procedureId: sql.placeholder("procedureId"),
      returnedDay: sql.placeholder("returned"),
      receivedDay: sql.placeholder("received"),
      dueDay: sql.placeholder("due"),
      channel: sql.placeholder("channel"),
      importedAt: sql.placeholder("now"),
    })
    .onConflictDoUpdate({
      target: d.codeHash,
      set: {
        agencyId: excluded(d.agencyId),
        fieldId: excluded(d.fieldId),
        procedureId: excluded(d.procedureId),
        returnedDay: excluded(d.returnedDay),
        receivedDay: kept(d.receivedDay),
        dueDay: kept(d.dueDay),
        channel: kept(d.channel),
        importedAt: excluded(d.importedAt),
      },
      setWhere: or(...changed),
    })
    .prepare();
  return upsertCounting(db, rows, (r) => ({
    existed: exists.get({ hash: r.hash }) !== undefined,
    changed: upsert.run({ ...r, now }).changes > 0,
  }));
}

/**
 * Runs `write` on every row in one transaction and counts what it did: created, or updated when the row existed
 * and something changed. A row that changes nothing is not written (the upsert's DO UPDATE … WHERE), so it is not
 * counted either. Shared by the dossier and PAKN imports.
 */
export function upsertCounting<R>(
  db: Db,
  rows: readonly R[],
  write: (row: R) => { existed: boolean; changed: boolean },
): { created: number; updated: number } {
  let created = 0;
  let updated = 0;
  db.transaction(
    () => {
      for (const r of rows) {
        const { existed, changed } = write(r);
        if (!changed) continue;
        if (existed) updated++;
        else created++;
      }
    },
    { behavior: "immediate" },
  );
  return { created, updated };
}
