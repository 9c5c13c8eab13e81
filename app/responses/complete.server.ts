/**
 * Completing a vote (docs/decisions/0016-one-tap-is-a-vote.md). On the counter channels (QR, kiosk) a face tap
 * is stored at once as a whole rating; the details the citizen gives afterwards arrive as the same response id
 * with more in it. A response is a set of write-once slots — the field, the procedure, the dossier, the officer
 * and each question's answer — under a fixed envelope (survey version, agency, counter, channel, hour, language):
 *  - a replay that agrees with every slot the response already holds and fills none: a duplicate;
 *  - one that agrees and fills empty slots: the response is completed (answers added, roll-ups moved by a delta
 *    in the same transaction);
 *  - one that contradicts a filled slot or the envelope: a conflict, the first kept, as for any other channel.
 * Merging write-once slots is order-free and idempotent, so any sequence of replays of any of the client's
 * versions (vote alone, vote with details) ends in the same stored response — exactly once.
 */
import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { answers, responses } from "../../db/schema";
import { addToRollups, removeEmptyRollups, type RollupCell } from "~/results/rollups.server";
import type { Channel } from "~/survey/codes";
import type { SurveyDefinition } from "~/survey/definition";
import type { AnswerRow } from "~/survey/types";

import { COARSENED_CHANNELS } from "./privacy";

/** The channels whose ratings start as a one-tap vote and may be completed. */
export const VOTE_CHANNELS: readonly Channel[] = COARSENED_CHANNELS;

/** The stored response's envelope and slots, as the `responses` table types them. */
export type StoredResponse = Pick<
  typeof responses.$inferSelect,
  | "id"
  | "surveyVersionId"
  | "agencyId"
  | "fieldId"
  | "procedureId"
  | "counterId"
  | "channel"
  | "locale"
  | "submittedAt"
  | "dayVn"
  | "dossierHash"
  | "officerId"
>;

type Row = AnswerRow & { question: string };

/** What a candidate says, resolved to ids, in the stored form (times already coarsened). */
export type Candidate = Omit<StoredResponse, "id" | "dayVn"> & { rows: Row[] };

export type SlotVerdict = { kind: "same" } | { kind: "adds"; rows: Row[]; slots: Partial<Candidate> } | { kind: "conflict" };

export function loadStored(db: Db, responseId: number): { response: StoredResponse; rows: Row[] } {
  const r = responses;
  const response = db
    .select({
      id: r.id,
      surveyVersionId: r.surveyVersionId,
      agencyId: r.agencyId,
      fieldId: r.fieldId,
      procedureId: r.procedureId,
      counterId: r.counterId,
      channel: r.channel,
      locale: r.locale,
      submittedAt: r.submittedAt,
      dayVn: r.dayVn,
      dossierHash: r.dossierHash,
      officerId: r.officerId,
    })
    .from(r)
    .where(eq(r.id, responseId))
    .get();
  // The caller found the response by its uuid inside the same transaction.
  if (!response) throw new Error(`loadStored: no response ${responseId}`);
  const rows = db
    .select({ question: answers.question, code: answers.code, text: answers.text })
    .from(answers)
    .where(eq(answers.responseId, responseId))
    .orderBy(asc(sql`rowid`))
    .all();
  return { response, rows };
}

/** One question's rows as a comparable string (a multi-select's codes in any order are the same answer). */
function answerKey(rows: Row[]): string {
  return rows
    .map((r) => `${r.code ?? ""}\u0000${r.text ?? ""}`)
    .sort()
    .join("\u0001");
}

function byQuestion(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    const list = map.get(row.question);
    if (list) list.push(row);
    else map.set(row.question, [row]);
  }
  return map;
}

const ENVELOPE = ["surveyVersionId", "agencyId", "counterId", "channel", "locale", "submittedAt"] as const;
const SLOTS = ["fieldId", "procedureId", "dossierHash", "officerId"] as const;

/** Compares a candidate with the stored response, slot by slot (pure). */
export function compareSlots(stored: { response: StoredResponse; rows: Row[] }, candidate: Candidate): SlotVerdict {
  for (const key of ENVELOPE) if (stored.response[key] !== candidate[key]) return { kind: "conflict" };
  const slots: Partial<Candidate> = {};
  for (const key of SLOTS) {
    const had = stored.response[key];
    const given = candidate[key];
    if (given === null) continue;
    if (had === null) (slots as Record<string, unknown>)[key] = given;
    else if (had !== given) return { kind: "conflict" };
  }
  const had = byQuestion(stored.rows);
  const added: Row[] = [];
  for (const [question, rows] of byQuestion(candidate.rows)) {
    const before = had.get(question);
    if (!before) added.push(...rows);
    else if (answerKey(before) !== answerKey(rows)) return { kind: "conflict" };
  }
  if (added.length === 0 && Object.keys(slots).length === 0) return { kind: "same" };
  return { kind: "adds", rows: added, slots };
}

/**
 * Writes a completion found by `compareSlots`: fills the empty slots, adds the answer rows and moves the
 * response's counts from its old roll-up cell and rows to the new ones. Call inside the ingest transaction.
 */
export function writeCompletion(
  db: Db,
  def: SurveyDefinition,
  stored: { response: StoredResponse; rows: Row[] },
  adds: { rows: Row[]; slots: Partial<Candidate> },
  contentHash: string,
  reportable: boolean,
): void {
  const r = stored.response;
  const next = { ...r, ...adds.slots };
  db.update(responses)
    .set({ fieldId: next.fieldId, procedureId: next.procedureId, dossierHash: next.dossierHash, officerId: next.officerId, contentHash })
    .where(eq(responses.id, r.id))
    .run();
  if (adds.rows.length) {
    db.insert(answers)
      .values(adds.rows.map((row) => ({ responseId: r.id, question: row.question, code: row.code, text: row.text })))
      .run();
  }
  if (!reportable) return;
  const cell = (fieldId: number | null): RollupCell => ({
    surveyVersionId: r.surveyVersionId,
    dayVn: r.dayVn,
    agencyId: r.agencyId,
    fieldId: fieldId ?? 0,
    counterId: r.counterId ?? 0,
    channel: r.channel,
    locale: r.locale,
  });
  const before = cell(r.fieldId);
  addToRollups(db, def, before, stored.rows, -1);
  addToRollups(db, def, cell(next.fieldId), [...stored.rows, ...adds.rows], 1);
  // A cell or an answer count that fell to zero is removed: the tables stay what a rebuild would write.
  removeEmptyRollups(db, def, before);
}
