/**
 * The import screen's two steps. Check: read the upload (XLSX or CSV), dry-run `importDirectory`, and give
 * either every row's errors or the counts it would create and update, with the parsed file signed for the
 * second step. Apply: verify the signature and import for real (checked again: the directory may have
 * changed in between), in one transaction, audited.
 */
import type { Db } from "../../db/client";
import { audit } from "../auth/audit.server";
import { importDirectory, type ImportCounts } from "./import.server";
import { signPayload, verifyPayload } from "./signed.server";
import { locate, readDirectoryCsv, readDirectoryXlsx, type Origins, type SheetError, type TabularResult } from "./tabular.server";
import { MAX_UPLOAD_MB } from "./upload";

export type UploadOutcome =
  | { kind: "invalid"; reason: "noFile" | "tooLarge" | "badType" | "badSignature" }
  | { kind: "errors"; errors: SheetError[] }
  | { kind: "preview"; fileName: string; created: ImportCounts; updated: ImportCounts; payload: string; signature: string }
  | { kind: "applied"; created: ImportCounts; updated: ImportCounts };

type Payload = { fileName: string; input: TabularResult["input"]; origins: Origins };

/** The spreadsheet's rows as the JSON structure of `import-directory`; XLSX by its name or its zip signature. */
export async function readUpload(file: File): Promise<TabularResult | "badType"> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = file.name.toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (name.endsWith(".xlsx") || zip) return readDirectoryXlsx(bytes);
  if (name.endsWith(".csv") || file.type === "text/csv") return readDirectoryCsv(new TextDecoder("utf-8").decode(bytes));
  return "badType";
}

export async function checkUpload(db: Db, secret: string, file: FormDataEntryValue | null): Promise<UploadOutcome> {
  if (!(file instanceof File) || file.size === 0) return { kind: "invalid", reason: "noFile" };
  if (file.size > MAX_UPLOAD_MB * 1024 * 1024) return { kind: "invalid", reason: "tooLarge" };
  const read = await readUpload(file);
  if (read === "badType") return { kind: "invalid", reason: "badType" };
  // Rows of an unknown list are reported with the rest: one upload shows every problem of the file.
  const result = importDirectory(db, read.input, { dryRun: true });
  const errors = [...read.errors, ...(result.ok ? [] : result.errors.map((e) => locate(e, read.origins)))];
  if (errors.length > 0 || !result.ok) return { kind: "errors", errors: sortErrors(errors) };
  const payload = JSON.stringify({ fileName: file.name, input: read.input, origins: read.origins } satisfies Payload);
  return { kind: "preview", fileName: file.name, created: result.created, updated: result.updated, payload, signature: signPayload(secret, payload) };
}

export function applyUpload(db: Db, secret: string, userId: number, payload: string, signature: string): UploadOutcome {
  if (!verifyPayload(secret, payload, signature)) return { kind: "invalid", reason: "badSignature" };
  const { fileName, input, origins } = JSON.parse(payload) as Payload;
  const result = importDirectory(db, input);
  if (!result.ok) return { kind: "errors", errors: sortErrors(result.errors.map((e) => locate(e, origins))) };
  audit(db, { userId, action: "directory.import", target: fileName, details: { created: result.created, updated: result.updated } });
  return { kind: "applied", created: result.created, updated: result.updated };
}

/** By sheet, then row; errors of the whole file first. */
function sortErrors(errors: SheetError[]): SheetError[] {
  return errors.sort((a, b) => a.sheet.localeCompare(b.sheet, "vi") || (a.row ?? 0) - (b.row ?? 0));
}
