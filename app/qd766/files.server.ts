/**
 * A dossier or PAKN list as a file (CSV or XLSX, by its name), for the command line and the staff upload alike:
 * read, then imported all or nothing (app/dossiers/import.server.ts, ./pakn-import.server.ts).
 */
import type { Db } from "../../db/client";
import { importDossierRecords, type DossierImportResult } from "~/dossiers/import.server";

import { importPaknRecords } from "./pakn-import.server";
import { readTable } from "./rows.server";

export const LIST_KINDS = ["dossiers", "pakn"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export async function importListFile(
  db: Db,
  secret: string,
  kind: ListKind,
  name: string,
  data: Uint8Array,
  now = Date.now(),
): Promise<DossierImportResult> {
  const read = await readTable(name, data);
  if (!read.ok) return { ok: false, errors: [{ line: read.line, message: read.message }] };
  return kind === "dossiers" ? importDossierRecords(db, secret, read.records, now) : importPaknRecords(db, secret, read.records, now);
}
