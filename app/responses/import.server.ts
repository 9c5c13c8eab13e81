/**
 * `import-responses FILE.jsonl`: one response per line, the same shape and rules as the API. Lines are
 * committed in batches (one transaction, one savepoint per line): a refused line stores nothing, the
 * others are kept, and a re-run of the same file stores nothing new.
 */
import type { Db } from "../../db/client";
import { fixedT } from "~/i18n/i18n";
import type { SurveyRegistry } from "~/survey/registry.server";

import { ingestResponse, type IngestOptions } from "./ingest.server";
import { issueMessage } from "./messages";

/** `completed`: counter votes given their details by a later line (docs/decisions/0016); only when there are some. */
export type ImportSummary = { created: number; duplicates: number; rejected: number; completed?: number };
export type Rejection = { line: number; id?: string; reasons: string[] };

const BATCH = 500;

export async function importResponses(
  db: Db,
  surveys: SurveyRegistry,
  lines: AsyncIterable<string> | Iterable<string>,
  { source, onRejected, dossiers }: { source: string; onRejected?: (r: Rejection) => void; dossiers?: IngestOptions["dossiers"] },
): Promise<ImportSummary> {
  const t = fixedT("vi");
  const summary: ImportSummary = { created: 0, duplicates: 0, rejected: 0 };
  let batch: { line: number; text: string }[] = [];

  const reject = (r: Rejection) => {
    summary.rejected++;
    onRejected?.(r);
  };
  const flush = () => {
    const pending = batch;
    batch = [];
    db.$client
      .transaction(() => {
        for (const { line, text } of pending) {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            reject({ line, reasons: [t("validation.invalidBody")] });
            continue;
          }
          const result = ingestResponse(db, surveys, body, { source, dossiers });
          if (result.status === "created") summary.created++;
          else if (result.status === "duplicate") summary.duplicates++;
          else if (result.status === "completed") summary.completed = (summary.completed ?? 0) + 1;
          else if (result.status === "conflict") reject({ line, id: result.id, reasons: [t("validation.conflict", { id: result.id })] });
          else if (result.status === "dossierRated") reject({ line, id: result.id, reasons: [t("dossier.alreadyRatedApi")] });
          else reject({ line, id: result.id, reasons: result.issues.map((issue) => issueMessage(t, issue)) });
        }
      })
      .immediate();
  };

  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (text === "") continue;
    batch.push({ line: n, text });
    if (batch.length >= BATCH) flush();
  }
  if (batch.length) flush();
  return summary;
}
