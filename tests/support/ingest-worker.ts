/**
 * A separate process for the concurrency test: opens the SQLite FILE given as argv[2], registers the
 * surveys, prints "ready", waits for a line on stdin, then ingests every body of the JSON file argv[3]
 * one by one and prints its tally as one JSON line. Run with `node --import tsx` from the project root.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

import { ingestResponse, type IngestResult } from "../../app/responses/ingest.server";
import { loadDefinitions, registerSurveys } from "../../app/survey/registry.server";
import { openDatabase } from "../../db/client";

const [dbFile, bodiesFile] = process.argv.slice(2);
if (!dbFile || !bodiesFile) throw new Error("usage: ingest-worker DB_FILE BODIES.json");

const db = openDatabase(dbFile);
const surveys = registerSurveys(db, loadDefinitions(path.resolve(import.meta.dirname, "../../surveys")));
const bodies = JSON.parse(fs.readFileSync(bodiesFile, "utf8")) as unknown[];

process.stdout.write("ready\n");
const input = readline.createInterface({ input: process.stdin });
await new Promise<void>((resolve) => input.once("line", () => resolve()));
input.close();

const tally: Record<IngestResult["status"], number> = { created: 0, duplicate: 0, conflict: 0, invalid: 0, dossierRated: 0, completed: 0 };
for (const body of bodies) tally[ingestResponse(db, surveys, body, { source: `worker:${process.pid}` }).status]++;
db.$client.close();
process.stdout.write(`${JSON.stringify(tally)}\n`);
