/**
 * POST /api/v1/dossiers and /api/v1/pakn (docs/contracts.md §QĐ 766): the one-stop and PAKN systems send the
 * same rows as the files, as JSON objects named by the file's columns, with an integration key. The items become
 * the file's records (item n = line n) and go through the same import: all or nothing, idempotent.
 */
import { jsonError, readJson, requireApiKey } from "~/api/json.server";
import type { CsvRecord } from "~/csv/read.server";
import { idOfCode } from "~/directory/ids.server";
import { DOSSIER_LIFE_HEADER, importDossierRecords } from "~/dossiers/import.server";
import { services } from "~/services.server";

import { importPaknRecords, PAKN_CSV_HEADER } from "./pakn-import.server";
import type { ListKind } from "./files.server";

/** Items per request: a day's dossiers of a large agency; more go in several requests. */
export const MAX_ITEMS = 2000;

const HEADERS: Record<ListKind, readonly string[]> = { dossiers: DOSSIER_LIFE_HEADER, pakn: PAKN_CSV_HEADER };

function cellOf(value: unknown): string | null {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return null;
}

export async function importListRequest(request: Request, kind: ListKind): Promise<Response> {
  const { db, secret } = services();
  const principal = requireApiKey(db, request, ["integration"]);
  const body = (await readJson(request)) as Record<string, unknown> | null;
  const items = body && typeof body === "object" ? body[kind] : undefined;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) {
    return jsonError(400, `Cần {"${kind}": […]} với 1–${MAX_ITEMS} mục.`);
  }
  const header = HEADERS[kind];
  const records: CsvRecord[] = [{ line: 0, cells: [...header] }];
  for (const [i, item] of items.entries()) {
    if (!item || typeof item !== "object" || Array.isArray(item)) return jsonError(400, `Mục ${i + 1}: phải là một đối tượng JSON.`);
    const cells = header.map((c) => cellOf((item as Record<string, unknown>)[c]));
    const bad = header.find((_, j) => cells[j] === null);
    if (bad) return jsonError(400, `Mục ${i + 1}: «${bad}» phải là chuỗi hoặc số.`);
    // A key of one agency sends that agency's rows only.
    const agency = cells[header.indexOf("agency")]!;
    if (principal.agencyId !== null && idOfCode(db, "agency", agency.trim()) !== principal.agencyId) {
      return jsonError(403, `Mục ${i + 1}: khóa API này không được gửi dữ liệu của cơ quan «${agency}».`);
    }
    records.push({ line: i + 1, cells: cells as string[] });
  }
  const result = kind === "dossiers" ? importDossierRecords(db, secret, records) : importPaknRecords(db, secret, records);
  if (!result.ok) {
    return jsonError(400, "Không nạp gì: có mục không hợp lệ.", { errors: result.errors.map((e) => ({ item: e.line, message: e.message })) });
  }
  return Response.json({ created: result.created, updated: result.updated });
}
