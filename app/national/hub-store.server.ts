/**
 * The hub's writes: provinces registered with a key of their own (only its sha256 kept), and a province's
 * month replaced as a whole in one transaction (docs/decisions/0025-national-hub.md). Replacing, never
 * adding: sending a month again, or twice at once, leaves the same rows, so nothing is counted twice.
 */
import crypto from "node:crypto";

import { and, eq, sql } from "drizzle-orm";

import type { HubDb } from "../../hub/client";
import { hubMonths, hubProvinces, nationalMonthAnswers, nationalMonthResponses } from "../../hub/schema";
import { hashMonth, type MonthPayload } from "./payload.server";

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

export const PROVINCE_CODE = /^[A-Z0-9]{2,10}$/;

export class HubInputError extends Error {}

/** Registers a province (or gives it a new key: the old one stops working at once); returns the key, shown once. */
export async function registerProvince(hub: HubDb, input: { code: string; name: string }): Promise<string> {
  if (!PROVINCE_CODE.test(input.code))
    throw new HubInputError(`Mã tỉnh «${input.code}» không hợp lệ: 2–10 chữ in hoa không dấu hoặc số (ví dụ DBP).`);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new HubInputError("Tên tỉnh phải có 1–200 ký tự.");
  const key = `hub_${crypto.randomBytes(24).toString("base64url")}`;
  const row = { code: input.code, name, keyPrefix: key.slice(0, 8), keyHash: sha256(key) };
  await hub
    .insert(hubProvinces)
    .values(row)
    .onConflictDoUpdate({ target: hubProvinces.code, set: { name: row.name, keyPrefix: row.keyPrefix, keyHash: row.keyHash } });
  return key;
}

/** The province a key belongs to, or null. */
export async function provinceOfKey(hub: HubDb, key: string | null | undefined): Promise<string | null> {
  if (!key || key.length > 200) return null;
  const [row] = await hub
    .select({ code: hubProvinces.code })
    .from(hubProvinces)
    .where(eq(hubProvinces.keyHash, sha256(key)));
  return row?.code ?? null;
}

/** `Authorization: Bearer <key>` → the key. */
export function bearerKey(header: string | null): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(header?.trim() ?? "");
  return m?.[1] ?? null;
}

export type ReplaceResult = { status: "replaced"; rows: number } | { status: "stale"; asOf: number };

type Tx = Parameters<Parameters<HubDb["transaction"]>[0]>[0];
const column = <T>(rows: readonly (readonly unknown[])[], i: number) => sql.param(rows.map((r) => r[i] as T));

/**
 * A month's rows in two statements, one array parameter per column (`unnest`). Measured on a month of
 * ~5 000 rows (2 shared cores): the query builder's multi-row insert, one parameter per value, took 0,7–1,2 s;
 * this takes 0,16–0,23 s. A large province's month is ~100 000 rows (docs/operations.md). Column names come
 * from the schema, so a renamed column fails the hub's tests (ADR 0018: raw only on a measured hot path).
 */
async function insertRows(tx: Tx, province: string, p: MonthPayload): Promise<void> {
  const R = nationalMonthResponses;
  const A = nationalMonthAnswers;
  if (p.responses.length) {
    const rows = p.responses;
    await tx.execute(sql`insert into ${R} (${sql.identifier(R.province.name)}, ${sql.identifier(R.month.name)}, ${sql.identifier(R.survey.name)},
      ${sql.identifier(R.methodVersion.name)}, ${sql.identifier(R.dim.name)}, ${sql.identifier(R.key.name)}, ${sql.identifier(R.n.name)})
      select ${province}, ${p.month}, * from unnest(${column(rows, 0)}::text[], ${column(rows, 1)}::text[], ${column(rows, 2)}::text[],
      ${column(rows, 3)}::text[], ${column(rows, 4)}::int[])`);
  }
  if (p.answers.length) {
    const rows = p.answers;
    await tx.execute(sql`insert into ${A} (${sql.identifier(A.province.name)}, ${sql.identifier(A.month.name)}, ${sql.identifier(A.survey.name)},
      ${sql.identifier(A.methodVersion.name)}, ${sql.identifier(A.dim.name)}, ${sql.identifier(A.key.name)}, ${sql.identifier(A.question.name)},
      ${sql.identifier(A.code.name)}, ${sql.identifier(A.n.name)})
      select ${province}, ${p.month}, * from unnest(${column(rows, 0)}::text[], ${column(rows, 1)}::text[], ${column(rows, 2)}::text[],
      ${column(rows, 3)}::text[], ${column(rows, 4)}::text[], ${column(rows, 5)}::int[], ${column(rows, 6)}::int[])`);
  }
}

/**
 * Replaces the province's rows of one month. An advisory lock per (province, month) makes two uploads of the
 * same month take turns; the one read from an older snapshot (smaller `asOf`) than what the hub holds is
 * refused as stale, so whichever order two syncs at once arrive in, the newer counts stay.
 */
export async function replaceMonth(hub: HubDb, province: string, payload: MonthPayload): Promise<ReplaceResult> {
  if (hashMonth(payload.month, payload.responses, payload.answers) !== payload.hash) {
    throw new HubInputError(`Tháng ${payload.month}: mã băm không khớp với số liệu gửi kèm; không lưu gì.`);
  }
  return hub.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${province}), hashtext(${payload.month}))`);
    const [held] = await tx
      .select({ asOf: hubMonths.asOf })
      .from(hubMonths)
      .where(and(eq(hubMonths.province, province), eq(hubMonths.month, payload.month)));
    if (held && held.asOf > payload.asOf) return { status: "stale", asOf: held.asOf };
    const mine = (t: typeof nationalMonthAnswers | typeof nationalMonthResponses) => and(eq(t.province, province), eq(t.month, payload.month));
    await tx.delete(nationalMonthAnswers).where(mine(nationalMonthAnswers));
    await tx.delete(nationalMonthResponses).where(mine(nationalMonthResponses));
    await insertRows(tx, province, payload);
    const month = { province, month: payload.month, asOf: payload.asOf, contentHash: payload.hash, syncedAt: new Date() };
    await tx
      .insert(hubMonths)
      .values(month)
      .onConflictDoUpdate({
        target: [hubMonths.province, hubMonths.month],
        set: { asOf: month.asOf, contentHash: month.contentHash, syncedAt: month.syncedAt },
      });
    await tx.update(hubProvinces).set({ lastSyncAt: month.syncedAt }).where(eq(hubProvinces.code, province));
    return { status: "replaced", rows: payload.responses.length + payload.answers.length };
  });
}
