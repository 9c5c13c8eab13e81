/**
 * Every instrument, end to end (issue 18): any file of surveys/ — and a new one dropped into a surveys
 * directory — is shown on the dashboard, reported (print page, .docx, .xlsx; the health survey also as a PDF)
 * and published, by its title, with no survey id in application code. Responses go through the real ingest
 * path into a real SQLite file; QĐ 56's «tỷ lệ hài lòng toàn diện» and the G1 mean shown by the three equal a
 * computation from the raw answers.
 */
import ExcelJS from "exceljs";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import JSZip from "jszip";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { PublishedFigures } from "../../app/components/publishing/PublishedFigures";
import { getDashboard } from "../../app/dashboard/dashboard.server";
import { forLocale } from "../../app/i18n/i18n";
import { formatPct, formatRate } from "../../app/dashboard/format";
import { buildSnapshot } from "../../app/publishing/build.server";
import { reportDocument } from "../../app/report/blocks";
import { renderReportDocx } from "../../app/report/docx.server";
import { renderReportHtml } from "../../app/report/html.server";
import { buildReport } from "../../app/report/model.server";
import { renderPdf } from "../../app/report/pdf.server";
import { renderReportXlsx } from "../../app/report/xlsx.server";
import { round2 } from "../../app/method";
import { loadDefinitions } from "../../app/survey/registry.server";
import { allQuestions, type SurveyDefinition } from "../../app/survey/definition";
import type { Answers } from "../../app/survey/response";
import { domainItems, plausibleAnswers } from "../support/instruments";
import { province, submit, type Province } from "../support/results-fixture";
import { realDefinitions, SURVEYS_DIR } from "../support/surveys";

const TODAY = "2026-11-22";
const Q3 = "2026-Q3";
const AT = "2026-08-14T09:00:00+07:00";

function answer(p: Province, def: SurveyDefinition, answers: Answers) {
  const perDossier = def.method.index === "question";
  submit(p, { survey: def.id, agency: "A1", field: "DAT_DAI", counter: "A1-Q01", channel: perDossier ? "qr" : "surveyor", at: AT, answers });
}

/** plausibleAnswers speaks five-level scales: on another scale (the counter rating's 3-2-1), its first option. */
function onItsScales(def: SurveyDefinition, answers: Answers): Answers {
  const out = { ...answers };
  for (const q of allQuestions(def)) {
    if (q.type !== "scale" || typeof out[q.code] !== "number") continue;
    const codes = def.scales[q.scale]!.options.map((o) => o.code);
    if (!codes.includes(out[q.code] as number) && out[q.code] !== def.noOpinion.code) out[q.code] = codes[0]!;
  }
  return out;
}

function everything(p: Province, survey: string) {
  const dashboard = getDashboard(p.db, p.surveys, { params: { survey, period: Q3 }, focus: null, linkAgencies: true, locale: "vi", today: TODAY });
  const report = buildReport(p.db, p.surveys, { key: { survey, period: Q3, scope: "province" }, today: TODAY, province: "Điện Biên" });
  const published = buildSnapshot(p.db, p.surveys, { survey, period: Q3 }, TODAY);
  return { dashboard, report, doc: reportDocument(report), published };
}

describe("every file of surveys/ is shown, reported and published", () => {
  it.each(realDefinitions().map((d) => [d.id, d] as const))("%s", async (_id, def) => {
    const p = province();
    for (let i = 0; i < 32; i++) answer(p, def, onItsScales(def, plausibleAnswers(def)));
    const { dashboard, report, doc, published } = everything(p, def.id);
    expect(dashboard).toMatchObject({ survey: def.id, surveyTitle: def.title.vi, invalid: [], error: null });
    expect(dashboard.headline.responses).toBe(32);
    expect(dashboard.choices.surveys.find((s) => s.value === def.id)?.label).toBe(def.title.vi);
    expect(report.data.headline).toEqual(dashboard.headline);
    expect(doc.subtitle).toContain(def.title.vi);
    // Section II's parts are numbered 1, 2, 3… whatever parts the survey lacks (no «5.» then «7.»).
    const parts = doc.blocks.flatMap((b) => (b.kind === "heading" && b.level === 2 ? [Number(/^(\d+)\./.exec(b.text)?.[1])] : []));
    expect(parts).toEqual(parts.map((_, i) => i + 1));
    const html = renderReportHtml(doc);
    expect(html).toContain(def.title.vi);
    // Screens say the title, never the id: the id appears in no text of the printed report (only in its file name).
    expect(html.replace(/bao-cao-[a-z0-9-]+/g, "")).not.toContain(`«${def.id}»`);
    const docx = await renderReportDocx(doc);
    expect((await JSZip.loadAsync(docx)).file("word/document.xml")).not.toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(report)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Tổng hợp")!.getCell("B2").value).toBe(def.title.vi);
    expect(published).toMatchObject({ survey: def.id, names: { survey: { vi: def.title.vi } }, province: { enough: true, responses: 32 } });
    // Measures and number questions, where the instrument has them, in all three.
    expect(dashboard.measures.map((m) => m.code)).toEqual(def.method.measures.map((m) => m.code));
    expect((published.measures ?? []).map((m) => m.code)).toEqual(def.method.measures.map((m) => m.code));
    expect(report.data.numbers).toEqual(dashboard.numbers);
  });
});

describe("a survey added as a file is on the dashboard, with no code naming it", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sipas-surveys-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a new definition in a temporary surveys directory: its title in the survey picker, its figures on the page, its report and publication", () => {
    for (const f of fs.readdirSync(SURVEYS_DIR).filter((f) => f.endsWith(".json"))) fs.copyFileSync(path.join(SURVEYS_DIR, f), path.join(dir, f));
    const base = JSON.parse(fs.readFileSync(path.join(SURVEYS_DIR, "danh-gia-ho-so.json"), "utf8")) as Record<string, unknown> & {
      method: Record<string, unknown>;
    };
    const title = { vi: "Khảo sát thử nghiệm về dịch vụ cấp nước", en: "Trial survey of water supply services" };
    fs.writeFileSync(
      path.join(dir, "cap-nuoc.json"),
      JSON.stringify({ ...base, id: "cap-nuoc", version: 1, title, method: { ...base.method, version: "cap-nuoc-2026" } }),
    );

    const defs = loadDefinitions(dir);
    const def = defs.find((d) => d.id === "cap-nuoc")!;
    const p = province(defs);
    for (let i = 0; i < 31; i++) answer(p, def, { TONG_THE: i < 29 ? 3 : 1 });

    const { dashboard, report, published } = everything(p, "cap-nuoc");
    expect(dashboard.choices.surveys).toContainEqual({ value: "cap-nuoc", label: title.vi });
    expect(dashboard).toMatchObject({ survey: "cap-nuoc", surveyTitle: title.vi, kind: "question" });
    expect(dashboard.headline).toMatchObject({ responses: 31, index: round2((100 * 29) / 31) });
    expect(report.data.surveyTitle).toBe(title.vi);
    expect(published.names.survey).toEqual(title);
    // An id that is not registered is named as unreadable and the default survey shown instead.
    const unknown = getDashboard(p.db, p.surveys, { params: { survey: "khong-co" }, focus: null, linkAgencies: true, locale: "vi", today: TODAY });
    expect(unknown.invalid).toContain("survey");
    expect(unknown.survey).toBe(dashboard.choices.surveys[0]!.value);
  });
});

describe("QĐ 56 (surveys/y-te.json): «tỷ lệ hài lòng toàn diện» and the G1 mean equal a computation from the raw answers", () => {
  it("on the dashboard, in the report and on the public page; the report renders as print page, .docx, .xlsx and PDF", async () => {
    const def = realDefinitions().find((d) => d.id === "y-te")!;
    const items = Object.values(domainItems(def)).flat();
    let seed = 18;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    // 45 respondents: each item satisfied (4–5) mostly, sometimes 1–3, 0 or blank; G1 40–150 or blank.
    const respondents: Answers[] = Array.from({ length: 45 }, () => {
      const overrides: Record<string, number | undefined> = {};
      for (const c of items) {
        const r = next(100);
        overrides[c] = r < 4 ? undefined : r < 8 ? 0 : r < 11 ? 1 + next(3) : 4 + next(2);
      }
      overrides.G1 = next(9) === 0 ? undefined : 40 + next(111);
      return plausibleAnswers(def, overrides);
    });
    const p = province();
    for (const a of respondents) answer(p, def, a);

    const valid = (a: Answers, c: string) => typeof a[c] === "number" && a[c] !== 0;
    const judged = respondents.filter((a) => items.some((c) => valid(a, c)));
    const whole = judged.filter((a) => items.every((c) => !valid(a, c) || (a[c] as number) >= 4));
    const g1 = respondents.flatMap((a) => (typeof a.G1 === "number" ? [a.G1] : []));
    expect(whole.length).toBeGreaterThan(5);
    expect(judged.length - whole.length).toBeGreaterThan(5);
    const wholeRate = round2((100 * whole.length) / judged.length);
    const g1Mean = round2(g1.reduce((s, v) => s + v, 0) / g1.length);

    const { dashboard, report, doc, published } = everything(p, "y-te");
    const measure = dashboard.measures.find((m) => m.code === "HL_TOAN_DIEN")!;
    expect(measure).toMatchObject({ label: "Tỷ lệ hài lòng toàn diện", rate: wholeRate, n: judged.length, fewAnswers: false });
    const number = dashboard.numbers.find((q) => q.code === "G1")!;
    expect(number).toMatchObject({ n: g1.length, mean: g1Mean, fewAnswers: false });
    expect(report.data.measures).toEqual(dashboard.measures);
    expect(published.measures?.find((m) => m.code === "HL_TOAN_DIEN")).toMatchObject({ enough: true, rate: wholeRate, n: judged.length });
    expect(published.numbers?.find((q) => q.code === "G1")).toMatchObject({ enough: true, mean: g1Mean, n: g1.length });

    // The public page prints the same two figures, the vi-VN way.
    const page = renderToString(createElement(I18nextProvider, { i18n: forLocale("vi") }, createElement(PublishedFigures, { snapshot: published })));
    expect(page).toContain("Tỷ lệ hài lòng toàn diện");
    expect(page).toContain(formatPct(wholeRate));
    expect(page).toContain(`${formatRate(g1Mean)} %`);

    // The printed report: the same two figures, the vi-VN way.
    const html = renderReportHtml(doc);
    expect(html).toContain("Tỷ lệ hài lòng toàn diện");
    expect(html).toContain(formatPct(wholeRate).replace("\u00a0", "&nbsp;").split("&nbsp;")[0]);
    expect(html).toContain(`${formatRate(g1Mean)} %`);
    const docx = await JSZip.loadAsync(await renderReportDocx(doc));
    const xml = await docx.file("word/document.xml")!.async("string");
    expect(xml).toContain("Tỷ lệ hài lòng toàn diện");
    expect(xml).toContain(formatRate(wholeRate));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReportXlsx(report)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Chỉ số theo người trả lời")!;
    expect(sheet.getCell("A2").value).toBe("Tỷ lệ hài lòng toàn diện");
    expect(sheet.getCell("B2").value).toBeCloseTo(wholeRate / 100, 10);
    const pdf = await renderPdf(renderReportHtml(doc, { pdf: true }));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const loaded = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
    let text = "";
    for (let i = 1; i <= loaded.numPages; i++)
      text += (await (await loaded.getPage(i)).getTextContent()).items.map((x) => ("str" in x ? x.str : "")).join(" ");
    expect(text).toContain(def.title.vi.slice(0, 20));
    expect(text.replace(/\s+/g, " ")).toContain(formatRate(wholeRate));
  }, 120_000);
});
