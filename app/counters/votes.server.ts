/**
 * The stored QR vote a citizen page speaks of (docs/decisions/0016-one-tap-is-a-vote.md): the vote page checks
 * whether its rating id is stored already (a replay or a completion, not a new rating for the limits), and the
 * thank-you page reads what the vote still lacks.
 */
import { eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { answers, responses } from "../../db/schema";

/** Read on every post of a citizen page: prepared once per connection (db/prepared.ts). */
const storedByUuid = perConnection((db) =>
  db
    .select({
      id: responses.id,
      submittedAt: responses.submittedAt,
      locale: responses.locale,
      counterId: responses.counterId,
      channel: responses.channel,
      fieldId: responses.fieldId,
      dossierHash: responses.dossierHash,
    })
    .from(responses)
    .where(eq(responses.uuid, sql.placeholder("uuid")))
    .prepare(),
);

export type StoredVote = NonNullable<ReturnType<typeof storedRating>>;

/** The stored rating with this id (any channel), or null. */
export function storedRating(db: Db, rid: string) {
  return storedByUuid(db).get({ uuid: rid }) ?? null;
}

/** The QR vote with this id at this counter, which its thank-you page may complete; null for any other rating. */
export function qrVoteAt(db: Db, rid: string, counterId: number): StoredVote | null {
  const vote = storedRating(db, rid);
  return vote && vote.counterId === counterId && vote.channel === "qr" ? vote : null;
}

/** The questions a stored response answers. */
export function answeredQuestions(db: Db, responseId: number): Set<string> {
  const rows = db.selectDistinct({ question: answers.question }).from(answers).where(eq(answers.responseId, responseId)).all();
  return new Set(rows.map((r) => r.question));
}
