/**
 * `import-directory` (docs/contracts.md §Directory file): adds or updates sectors, fields with their targets,
 * agencies and counters from one file. All or nothing: any error, and the database is left as it was.
 * Rows the file does not mention are never deleted (responses refer to them); a row it does mention is
 * described in full, so an optional value left out (a sector, a successor, a date) is cleared.
 */
import { and, eq, isNull } from "drizzle-orm";
import crypto from "node:crypto";

import type { Db } from "../../db/client";
import { agencies, counterFields, counters, fields, procedures, sectors, targets } from "../../db/schema";
import {
  agencyRow,
  counterRow,
  directoryCode,
  directoryFileSchema,
  fieldRow,
  isRecord,
  procedureRow,
  issueToErrors,
  ROW_NOUN,
  sectorRow,
  SECTIONS,
  vietnameseIssue,
  type DirectoryError,
  type DirectoryFile,
  type DirectoryTarget,
  type Section,
} from "./file-schema";

export { directoryFileSchema, type DirectoryError, type DirectoryFile } from "./file-schema";

export type ImportCounts = Record<Section, number>;
export type ImportResult = { ok: true; created: ImportCounts; updated: ImportCounts } | { ok: false; errors: DirectoryError[] };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Code → id, per list. */
type Codes = Record<Section, Map<string, number>>;

/** A target imported without a period holds from the start: the schema's default `valid_from`. */
const TARGETS_FROM = "2000-01-01";

/** Thrown inside the transaction of a dry run: rolls everything back once the counts are known. */
class DryRun extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/**
 * `dryRun`: the same checks and writes, then rolled back; the preview of the import screen, so that what it
 * announces (created / updated per list) is exactly what applying would do.
 */
export function importDirectory(db: Db, input: unknown, options: { dryRun?: boolean } = {}): ImportResult {
  const parsed = directoryFileSchema.safeParse(input, { error: vietnameseIssue });
  const shapeErrors = parsed.success ? [] : parsed.error.issues.flatMap((issue) => issueToErrors(issue, input));
  try {
    // Immediate: the codes checked against are the codes written against, with no other writer in between.
    return db.transaction<ImportResult>(
      (tx) => {
        const known = loadCodes(tx);
        const errors = byRow([...shapeErrors, ...crossCheck(input, known)]);
        if (errors.length > 0 || !parsed.success) return { ok: false, errors };
        const result: ImportResult = { ok: true, ...apply(tx, parsed.data, known) };
        if (options.dryRun) throw new DryRun(result);
        return result;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  }
}

function loadCodes(tx: Tx): Codes {
  const byCode = (rows: { id: number; code: string }[]) => new Map(rows.map((r) => [r.code, r.id]));
  return {
    sectors: byCode(tx.select({ id: sectors.id, code: sectors.code }).from(sectors).all()),
    fields: byCode(tx.select({ id: fields.id, code: fields.code }).from(fields).all()),
    agencies: byCode(tx.select({ id: agencies.id, code: agencies.code }).from(agencies).all()),
    counters: byCode(tx.select({ id: counters.id, code: counters.code }).from(counters).all()),
    procedures: byCode(tx.select({ id: procedures.id, code: procedures.code }).from(procedures).all()),
  };
}

const ROW_SCHEMAS = { sectors: sectorRow, fields: fieldRow, agencies: agencyRow, counters: counterRow, procedures: procedureRow };

function rawRows(input: unknown, section: Section): unknown[] {
  const list = isRecord(input) ? input[section] : undefined;
  return Array.isArray(list) ? list : [];
}

/** Rows that are well-formed on their own: cross-checks run on these even when other rows are malformed. */
function wellFormed<S extends Section>(input: unknown, section: S) {
  return rawRows(input, section).flatMap((raw, index) => {
    const parsed = ROW_SCHEMAS[section].safeParse(raw);
    return parsed.success ? [{ index, row: parsed.data as DirectoryFile[S][number] }] : [];
  });
}

/** Duplicate codes, and references to codes neither in the file nor in the database. */
function crossCheck(input: unknown, known: Codes): DirectoryError[] {
  const errors: DirectoryError[] = [];
  const problem = (section: Section, index: number, code: string, key: string, text: string) =>
    errors.push({ path: `${section}[${index}]${key}`, message: `${ROW_NOUN[section]} «${code}»: ${text}` });

  // Any row declaring a valid code makes it referable, even a row with other mistakes: those are reported
  // once, on that row, not again as "missing" wherever the code is used.
  const declared = {} as Record<Section, Set<string>>;
  for (const section of SECTIONS) {
    const firstAt = new Map<string, number>();
    rawRows(input, section).forEach((raw, index) => {
      const code = directoryCode.safeParse(isRecord(raw) ? raw.code : undefined);
      if (!code.success) return;
      const first = firstAt.get(code.data);
      if (first === undefined) firstAt.set(code.data, index);
      else problem(section, index, code.data, ".code", `mã bị trùng (đã có ở ${section}[${first}])`);
    });
    declared[section] = new Set(firstAt.keys());
  }
  const exists = (section: Section, code: string) => declared[section].has(code) || known[section].has(code);

  for (const { index, row } of wellFormed(input, "fields")) {
    if (row.sector && !exists("sectors", row.sector)) problem("fields", index, row.code, ".sector", `không có ngành «${row.sector}»`);
  }
  for (const { index, row } of wellFormed(input, "agencies")) {
    if (row.sector && !exists("sectors", row.sector)) problem("agencies", index, row.code, ".sector", `không có ngành «${row.sector}»`);
    if (row.successor === row.code) problem("agencies", index, row.code, ".successor", "không thể kế thừa chính mình");
    else if (row.successor && !exists("agencies", row.successor))
      problem("agencies", index, row.code, ".successor", `không có cơ quan kế thừa «${row.successor}»`);
  }
  for (const { index, row } of wellFormed(input, "counters")) {
    if (!exists("agencies", row.agency)) problem("counters", index, row.code, ".agency", `không có cơ quan «${row.agency}»`);
    row.fields.forEach((field, i) => {
      if (!exists("fields", field)) problem("counters", index, row.code, `.fields[${i}]`, `không có lĩnh vực «${field}»`);
      else if (row.fields.indexOf(field) < i) problem("counters", index, row.code, `.fields[${i}]`, `lĩnh vực «${field}» ghi hai lần`);
    });
  }
  for (const { index, row } of wellFormed(input, "procedures")) {
    if (row.field && !exists("fields", row.field)) problem("procedures", index, row.code, ".field", `không có lĩnh vực «${row.field}»`);
  }
  return errors;
}

/** Errors of one row together, rows in order (`agencies[2]` before `agencies[10]`); stable within a row. */
function byRow(errors: DirectoryError[]): DirectoryError[] {
  const row = (path: string) => path.slice(0, path.indexOf("]") + 1) || path;
  return errors.sort((a, b) => row(a.path).localeCompare(row(b.path), "en", { numeric: true }));
}

function apply(tx: Tx, file: DirectoryFile, known: Codes): { created: ImportCounts; updated: ImportCounts } {
  const created: ImportCounts = { sectors: 0, fields: 0, agencies: 0, counters: 0, procedures: 0 };
  const updated: ImportCounts = { ...created };
  const ids: Codes = {
    sectors: new Map(known.sectors),
    fields: new Map(known.fields),
    agencies: new Map(known.agencies),
    counters: new Map(known.counters),
    procedures: new Map(known.procedures),
  };

  /** Updates the row with this code if there is one, else inserts it; returns its id. */
  function save(section: Section, code: string, insert: () => number, update: (id: number) => void): number {
    const existing = ids[section].get(code);
    if (existing !== undefined) {
      update(existing);
      updated[section]++;
      return existing;
    }
    const id = insert();
    ids[section].set(code, id);
    created[section]++;
    return id;
  }
  function idOf(section: Section, code: string): number {
    const id = ids[section].get(code);
    // Unreachable after crossCheck; throwing rolls the whole import back.
    if (id === undefined) throw new Error(`import-directory: ${section} «${code}» not found`);
    return id;
  }
  const optionalId = (section: Section, code: string | undefined) => (code === undefined ? null : idOf(section, code));

  for (const s of file.sectors) {
    save(
      "sectors",
      s.code,
      () => tx.insert(sectors).values(s).returning({ id: sectors.id }).get().id,
      (id) => tx.update(sectors).set({ name: s.name }).where(eq(sectors.id, id)).run(),
    );
  }

  for (const f of file.fields) {
    const values = { name: f.name, sectorId: optionalId("sectors", f.sector) };
    const id = save(
      "fields",
      f.code,
      () =>
        tx
          .insert(fields)
          .values({ code: f.code, ...values })
          .returning({ id: fields.id })
          .get().id,
      (id) => tx.update(fields).set(values).where(eq(fields.id, id)).run(),
    );
    if (f.target) saveTarget(tx, id, f.target);
  }

  for (const a of file.agencies) {
    const values = {
      name: a.name,
      level: a.level,
      sectorId: optionalId("sectors", a.sector),
      serviceSector: a.serviceSector ?? null,
      validFrom: a.validFrom ?? null,
      validTo: a.validTo ?? null,
    };
    save(
      "agencies",
      a.code,
      () =>
        tx
          .insert(agencies)
          .values({ code: a.code, ...values })
          .returning({ id: agencies.id })
          .get().id,
      (id) => tx.update(agencies).set(values).where(eq(agencies.id, id)).run(),
    );
  }
  // Second pass: a successor may be listed after the agency it succeeds.
  for (const a of file.agencies) {
    tx.update(agencies)
      .set({ successorId: optionalId("agencies", a.successor) })
      .where(eq(agencies.id, idOf("agencies", a.code)))
      .run();
  }

  for (const c of file.counters) {
    const values = { name: c.name, agencyId: idOf("agencies", c.agency) };
    const id = save(
      "counters",
      c.code,
      // Existing counters keep their token: a new one would void the QR posters already hanging.
      () =>
        tx
          .insert(counters)
          .values({ code: c.code, token: newToken(), ...values })
          .returning({ id: counters.id })
          .get().id,
      (id) => tx.update(counters).set(values).where(eq(counters.id, id)).run(),
    );
    // The file's list replaces the old one: a field dropped from a counter must leave its QR page.
    tx.delete(counterFields).where(eq(counterFields.counterId, id)).run();
    if (c.fields.length > 0) {
      tx.insert(counterFields)
        .values(c.fields.map((field) => ({ counterId: id, fieldId: idOf("fields", field) })))
        .run();
    }
  }

  for (const p of file.procedures) {
    const values = { name: p.name, fieldId: optionalId("fields", p.field) };
    save(
      "procedures",
      p.code,
      () =>
        tx
          .insert(procedures)
          .values({ code: p.code, ...values })
          .returning({ id: procedures.id })
          .get().id,
      (id) => tx.update(procedures).set(values).where(eq(procedures.id, id)).run(),
    );
  }

  if (file.overallTarget) saveTarget(tx, null, file.overallTarget);
  return { created, updated };
}

/** 128 random bits, base64url (22 characters): the secret in a counter's QR URL. */
function newToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

/** The field's (or, with null, the overall) target from TARGETS_FROM, for every agency: updated in place or added. */
function saveTarget(tx: Tx, fieldId: number | null, target: DirectoryTarget): void {
  const scope = and(
    fieldId === null ? isNull(targets.fieldId) : eq(targets.fieldId, fieldId),
    isNull(targets.agencyId),
    eq(targets.validFrom, TARGETS_FROM),
  );
  const existing = tx.select({ id: targets.id }).from(targets).where(scope).get();
  if (existing) tx.update(targets).set({ op: target.op, pct: target.pct }).where(eq(targets.id, existing.id)).run();
  else tx.insert(targets).values({ fieldId, agencyId: null, op: target.op, pct: target.pct, validFrom: TARGETS_FROM }).run();
}
