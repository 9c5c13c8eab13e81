/**
 * A separate process for the CSV memory test: streams the raw-response export of DB_FILE (survey argv[3],
 * days argv[4]..argv[5]) into a counting sink, as a slow HTTP client would read it (one chunk at a time),
 * and prints one JSON line: rows, bytes, and heap/RSS before and at their highest during the export, and
 * the highest heap + external memory left after a full collection (what the export really holds).
 * Run with `node --expose-gc --import tsx`, so that the baseline is taken after a full collection.
 */
import Database from "better-sqlite3";

import { csvExport } from "../../app/report/csv.server";
import { surveyDefinitionSchema } from "../../app/survey/definition";

const [dbFile, survey, from, to] = process.argv.slice(2);
if (!dbFile || !survey || !from || !to) throw new Error("usage: csv-memory-child DB_FILE SURVEY FROM TO");

const meta = new Database(dbFile, { readonly: true });
const stored = meta.prepare("select definition from survey_versions where survey_id = ? order by version desc limit 1").pluck().get(survey) as string;
meta.close();
const def = surveyDefinitionSchema.parse(JSON.parse(stored));

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const live = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
let peakHeap = before.heapUsed;
let peakRss = before.rss;
// Memory still held after a full collection: what the export retains (garbage between collections aside).
let peakRetained = live(before);

const { total, stream } = csvExport(dbFile, def, { survey, from, to });
const reader = stream.getReader();
let bytes = 0;
let newlines = 0;
let chunks = 0;
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  bytes += value.length;
  for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
  if (++chunks % 16 === 0) {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }
  if (gc && chunks % 64 === 0) {
    gc();
    peakRetained = Math.max(peakRetained, live(process.memoryUsage()));
  }
}
const after = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ total, lines: newlines, bytes, chunks, retainedBefore: live(before), retainedPeak: peakRetained, heapBefore: before.heapUsed, heapPeak: Math.max(peakHeap, after.heapUsed), rssBefore: before.rss, rssPeak: Math.max(peakRss, after.rss) })}\n`,
);
