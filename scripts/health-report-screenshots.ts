/**
 * Screenshots of the official report for the QĐ 56 outpatient survey (surveys/y-te.json): a temporary database
 * with the demo directory, ~1 500 synthetic patient answers stored through the real ingest path
 * (`ingestResponse`, roll-ups included), the report built by the figures model, printed to PDF by the server's
 * Chromium path (app/report/pdf.server.ts), and its first pages drawn by pdf.js in Debian's Chromium
 * (tests/support/pdf-pages.ts, as the e2e report spec does) to
 * docs/screenshots/report-y-te-page-N.png (A4 at 96 dpi). Run: `npx tsx scripts/health-report-screenshots.ts`.
 */
import { chromium } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { importDirectory } from "../app/directory/import.server";
import { reportDocument } from "../app/report/blocks";
import { renderReportHtml } from "../app/report/html.server";
import { buildReport } from "../app/report/model.server";
import { renderPdf } from "../app/report/pdf.server";
import { ingestResponse } from "../app/responses/ingest.server";
import { allQuestions, type SurveyDefinition } from "../app/survey/definition";
import { isShown } from "../app/survey/response";
import { loadDefinitions, registerSurveys } from "../app/survey/registry.server";
import { openDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { prng } from "../db/seed/generate";
import { drawPdfPages } from "../tests/support/pdf-pages";
import demo from "../db/seed/demo-directory.json";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, "docs/screenshots");
const SURVEY = "y-te";
const PERIOD = "2026-Q3";
const NOW = Date.parse("2026-11-20T10:00:00+07:00");
/** Units answering (the demo directory has no hospitals yet): each with its own level of satisfaction. */
const UNITS: [string, number][] = [
  ["SO_YT", 0.93],
  ["TTHCC", 0.9],
  ["P_DBP", 0.96],
  ["P_MUONG_THANH", 0.88],
  ["P_MUONG_LAY", 0.82],
  ["X_TUAN_GIAO", 0.94],
];

function answers(def: SurveyDefinition, rand: () => number, level: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of allQuestions(def)) {
    if (!isShown(q, out)) continue;
    if (!q.required && rand() < 0.03) continue;
    switch (q.type) {
      case "scale": {
        const scale = def.scales[q.scale]!;
        if (q.allowNoOpinion && rand() < 0.05) out[q.code] = def.noOpinion.code;
        else {
          const satisfied = rand() < level;
          const pool = scale.options.filter((o) => scale.satisfied.includes(o.code) === satisfied);
          out[q.code] = pool[Math.floor(rand() * pool.length)]!.code;
        }
        break;
      }
      case "number":
        // G1 clusters around what the unit's level suggests; distances are a few km.
        out[q.code] = Math.max(q.min, Math.min(q.max, q.code === "G1" ? Math.round(100 * level + (rand() - 0.5) * 40) : Math.round(rand() * 25)));
        break;
      case "single":
        out[q.code] = q.options[rand() < 0.5 ? 0 : Math.floor(rand() * q.options.length)]!.code;
        break;
      case "multi":
        out[q.code] = [q.options[Math.floor(rand() * q.options.length)]!.code];
        break;
      case "yesno":
        out[q.code] = rand() < 0.3 ? 1 : 2;
        break;
      case "text":
        break;
    }
  }
  return out;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-health-report-"));
  try {
    const db = openDatabase(path.join(dir, "report.db"));
    migrateDatabase(db);
    const imported = importDirectory(db, demo);
    if (!imported.ok) throw new Error("demo directory refused");
    const surveys = registerSurveys(db, loadDefinitions(path.join(ROOT, "surveys")));
    const def = surveys.get(SURVEY)!.def;
    const rand = prng(56);
    let n = 0;
    // Q2 and Q3 2026: the report compares the two.
    for (const [month, count] of [
      ["04", 40],
      ["05", 40],
      ["06", 40],
      ["07", 90],
      ["08", 90],
      ["09", 90],
    ] as const) {
      for (const [agency, level] of UNITS) {
        for (let i = 0; i < count / 2; i++) {
          const day = String(1 + Math.floor(rand() * 28)).padStart(2, "0");
          const body = {
            id: `00000000-0000-4000-8056-${String(++n).padStart(12, "0")}`,
            survey: SURVEY,
            agency,
            field: "Y_TE",
            channel: rand() < 0.7 ? "surveyor" : "paper",
            submittedAt: `2026-${month}-${day}T09:30:00+07:00`,
            locale: "vi",
            answers: answers(def, rand, month >= "07" ? level : Math.min(0.99, level + 0.02)),
          };
          const r = ingestResponse(db, surveys, body, { source: "screenshots", now: () => NOW });
          if (r.status !== "created") throw new Error(JSON.stringify(r));
        }
      }
    }
    const model = buildReport(db, surveys, {
      key: { survey: SURVEY, period: PERIOD, scope: "province" },
      today: "2026-10-05",
      province: "Điện Biên",
    });
    const pdf = await renderPdf(renderReportHtml(reportDocument(model), { pdf: true }));
    console.log(`${n} responses; report PDF ${Math.round(pdf.length / 1024)} KB`);

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
    try {
      const page = await browser.newPage();
      const pages = await drawPdfPages(page, pdf, 3, ROOT);
      for (let i = 1; i <= Math.min(3, pages); i++) {
        const file = path.join(OUT, `report-y-te-page-${i}.png`);
        await page.locator(`#page-${i}`).screenshot({ path: file });
        console.log(`${path.relative(ROOT, file)}: ${Math.round(fs.statSync(file).size / 1024)} KB`);
      }
    } finally {
      await browser.close();
    }
    db.$client.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
