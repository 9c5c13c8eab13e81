/**
 * The floor the ingest path is compared with: the same responses and the same long-format answer rows,
 * written with bare better-sqlite3 prepared statements — no validation, no idempotency check, no
 * roll-ups — in the same batches, into the same (migrated) schema.
 */
import crypto from "node:crypto";

import { vietnamDay } from "../app/method/period";
import type { SurveyRegistry } from "../app/survey/registry.server";
import type { Db } from "../db/client";
import { syntheticResponses, type GenerateOptions } from "../db/seed/generate";

export function bareInsert(db: Db, surveys: SurveyRegistry, options: GenerateOptions, onBatch: (done: number) => void): void {
  const sqlite = db.$client;
  const ids = (table: string) =>
    new Map((sqlite.prepare(`select code, id from ${table}`).raw(true).all() as [string, number][]).map(([c, id]) => [c, id]));
  const agencies = ids("agencies");
  const fields = ids("fields");
  const counters = ids("counters");
  const insertResponse = sqlite.prepare(
    `insert into responses (uuid, survey_version_id, survey_id, agency_id, field_id, procedure_id, counter_id, channel,
       locale, submitted_at, day_vn, received_at, content_hash, status) values (?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, 'accepted')`,
  );
  const insertAnswer = sqlite.prepare("insert into answers (response_id, question, code, text) values (?, ?, ?, ?)");
  const bodies = syntheticResponses(db, surveys, options);
  const now = options.now ?? Date.now();
  const batch = 2000;
  for (let start = 0; start < options.responses; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(options.responses, start + batch); i++) {
        const next = bodies.next();
        if (next.done) return;
        const r = next.value;
        const submittedAt = Date.parse(r.submittedAt);
        const hash = crypto.createHash("sha256").update(JSON.stringify(r)).digest("hex");
        const info = insertResponse.run(
          r.id,
          surveys.get(r.survey)!.versionId,
          r.survey,
          agencies.get(r.agency),
          r.field ? fields.get(r.field) : null,
          r.counter ? counters.get(r.counter) : null,
          r.channel,
          r.locale,
          submittedAt,
          vietnamDay(submittedAt),
          now,
          hash,
        );
        for (const [question, value] of Object.entries(r.answers)) {
          if (Array.isArray(value)) for (const code of value) insertAnswer.run(info.lastInsertRowid, question, code, null);
          else if (typeof value === "number") insertAnswer.run(info.lastInsertRowid, question, value, null);
          else insertAnswer.run(info.lastInsertRowid, question, null, String(value));
        }
      }
    })();
    onBatch(Math.min(options.responses, start + batch));
  }
}
