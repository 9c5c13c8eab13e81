/**
 * One month of one province as sent to the national hub (docs/contracts.md §National hub): counts only,
 * keyed by codes. Rows are tuples (a month of a large province is ~100 000 rows) in a fixed order, so that
 * the same counts always give the same `hash`. Shared by the province (`sync-national`) and the hub.
 */
import crypto from "node:crypto";

import { z } from "zod";

/** agency | field | counter | channel, or `profile:<QUESTION>` (the profile cross-tab summed over agencies). */
export const HUB_DIM = /^(agency|field|counter|channel|profile:[A-Z0-9_]{1,40})$/;
const code = z.string().regex(/^[\p{L}\p{N}_.:/@-]{0,80}$/u, "mã không hợp lệ");
const count = z.number().int().min(0).max(2_000_000_000);

/** survey, method version, dim, key, n */
export type ResponseRow = [survey: string, methodVersion: string, dim: string, key: string, n: number];
/** survey, method version, dim, key, question, code, n */
export type AnswerRow = [survey: string, methodVersion: string, dim: string, key: string, question: string, code: number, n: number];

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Rows one month may carry: far above the ~100 000 of the largest province estimated in docs/operations.md. */
export const MAX_MONTH_ROWS = 1_000_000;

export const monthPayloadSchema = z.object({
  month: z.string().regex(MONTH, "tháng phải có dạng YYYY-MM"),
  /** The province's highest response id when it read the month: orders two uploads of one month. */
  asOf: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "hash phải là sha256 dạng hex"),
  responses: z.array(z.tuple([code, code, z.string().regex(HUB_DIM, "phân tổ không hợp lệ"), code, count])).max(MAX_MONTH_ROWS),
  answers: z
    .array(z.tuple([code, code, z.string().regex(HUB_DIM, "phân tổ không hợp lệ"), code, code, z.number().int().min(0).max(1_000_000), count]))
    .max(MAX_MONTH_ROWS),
});
export type MonthPayload = z.infer<typeof monthPayloadSchema>;

const compare = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/** Sorts the rows in place and returns the sha256 of the month's counts (what decides "changed"). */
export function hashMonth(month: string, responses: ResponseRow[], answers: AnswerRow[]): string {
  responses.sort(compare);
  answers.sort(compare);
  return crypto
    .createHash("sha256")
    .update(JSON.stringify([month, responses, answers]))
    .digest("hex");
}
