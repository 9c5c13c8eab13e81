/**
 * A PAKN created by staff from a citizen's comment (issue 19, point 2): the comment's agency and, when the rating
 * carried a receipt code, its dossier (the stored keyed hash, never the code). Keyed by the comment's public
 * reference, so saving again updates the same PAKN.
 */
import { eq } from "drizzle-orm";

import type { Db } from "../../db/client";
import { responses } from "../../db/schema";
import { isDay } from "~/method/period";

import { writePakn } from "./pakn-import.server";

export type CommentPakn = { received: string; due: string; handled?: string; unsatisfied?: "1" };

export function paknSourceOfComment(ref: string): string {
  return `gop-y-${ref}`;
}

/** null when saved; else the Vietnamese reason (nothing changed). */
export function savePaknFromComment(db: Db, responseId: number, ref: string, input: CommentPakn, userId: number, now = Date.now()): string | null {
  for (const [day, label] of [
    [input.received, "Ngày tiếp nhận"],
    [input.due, "Hạn xử lý"],
    [input.handled, "Ngày xử lý xong"],
  ] as const) {
    if (day !== undefined && !isDay(day)) return `${label} «${day}» không phải một ngày có thật.`;
  }
  const response = db
    .select({ agencyId: responses.agencyId, dossierHash: responses.dossierHash })
    .from(responses)
    .where(eq(responses.id, responseId))
    .get();
  if (!response) return "Không có ý kiến này.";
  writePakn(
    db,
    [
      {
        sourceId: paknSourceOfComment(ref),
        agencyId: response.agencyId,
        receivedDay: input.received,
        dueDay: input.due,
        handledDay: input.handled ?? null,
        dossierHash: response.dossierHash,
        unsatisfied: input.unsatisfied === "1",
      },
    ],
    now,
    userId,
    responseId,
  );
  return null;
}
