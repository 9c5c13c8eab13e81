/**
 * A writer process for the backup test: ingests ratings into the SQLite FILE argv[2] one transaction at a
 * time and prints each stored id once its commit has returned (an acknowledgement), until stdin closes.
 * Run with `node --import tsx` from the project root.
 */
import path from "node:path";

import { ingestResponse } from "../../app/responses/ingest.server";
import { loadDefinitions, registerSurveys } from "../../app/survey/registry.server";
import { openDatabase } from "../../db/client";
import { ratingBody, uuid } from "./bodies";

const [dbFile] = process.argv.slice(2);
if (!dbFile) throw new Error("usage: ack-writer DB_FILE");

const db = openDatabase(dbFile);
const surveys = registerSurveys(db, loadDefinitions(path.resolve(import.meta.dirname, "../../surveys")));
let open = true;
process.stdin.on("end", () => (open = false));
process.stdin.resume();

let n = 10_000;
while (open) {
  const id = uuid(n++);
  const result = ingestResponse(db, surveys, ratingBody({ id, channel: "surveyor" }), { source: "ack-writer" });
  if (result.status !== "created") throw new Error(`unexpected ${result.status}`);
  process.stdout.write(`${id}\n`);
  // Let stdin's end event through between writes.
  await new Promise((resolve) => setImmediate(resolve));
}
db.$client.close();
