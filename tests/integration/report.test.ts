/**
 * The official report for the demo province in all three forms, plus the figures workbook and the CSV:
 * every figure printed must be the one `results --json` publishes (app/results), printed the vi-VN way
 * ("93,41"), with Vietnamese diacritics intact. The PDF is rendered once (Debian's Chromium).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";

import { formatRate } from "../../app/dashboard/format";
import type { GroupResult } from "../../app/method";
import { captionText, reportDocument, type ReportDocument } from "../../app/report/blocks";
import { csvExport } from "../../app/report/csv.server";
import { renderReportDocx } from "../../app/report/docx.server";
import { saveDraft } from "../../app/report/drafts.server";
import { renderReportHtml } from "../../app/report/html.server";
import { buildReport } from "../../app/report/model.server";
import type { ReportModel } from "../../app/report/types";
import { renderPdf } from "../../app/report/pdf.server";
import { renderReportXlsx } from "../../app/report/xlsx.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { getResults } from "../../app/results/results.server";
import { generateResponses } from "../../db/seed/generate";
import { demoServices, type TestServices } from "../support/services";

const NOW = Date.parse("2026-11-20T10:00:00+07:00");
const KEY = { survey: "sipas", period: "2026-Q3", scope: "province" };
const RANGE = { from: "2026-07-01", to: "2026-09-30" };
const RECOMMENDATION = "Đề nghị Sở Tài nguyên rút ngắn thời gian giải quyết hồ sơ đất đai.";

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join("");
  }
  return { pages: doc.numPages, text };
}

async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file("word/document.xml")!.async("string");
  return xml;
}

describe("the official report of the demo province, 2026-Q3, SIPAS", () => {
  let s: TestServices;
  let figures: string[];
  let agencies: GroupResult[];
  let overall: ReturnType<typeof getResults>["overall"];
  let model: ReportModel;
  let doc: ReportDocument;
  let html: string;
  let docx: Buffer;
  let pdf: Buffer;
  let xlsx: Buffer;

  beforeAll(async () => {
    s = demoServices();
    generateResponses(s.db, s.surveys, { responses: 1500, seed: 2025, days: 365, now: NOW });
    saveDraft(
      s.db,
      KEY,
      { number: "125/BC-SNV", recommendations: RECOMMENDATION, recipients: "", signerTitle: "Giám đốc", signerName: "Nguyễn Văn Ánh" },
      null,
    );
    const byAgency = getResults(s.db, s.surveys, { survey: "sipas", ...RANGE, by: "agency" });
    overall = byAgency.overall;
    agencies = byAgency.groups as GroupResult[];
    if (!("elements" in overall)) throw new Error("sipas has elements");
    figures = [overall.index, ...Object.values(overall.elements).flatMap((e) => [e.rate, e.ciLow, e.ciHigh]), ...agencies.map((g) => g.index)]
      .filter((v): v is number => v !== null)
      .map((v) => formatRate(v));
    model = buildReport(s.db, s.surveys, { key: KEY, today: "2026-11-22", province: "Điện Biên" });
    doc = reportDocument(model);
    html = renderReportHtml(doc);
    docx = await renderReportDocx(doc);
    pdf = await renderPdf(renderReportHtml(doc, { pdf: true }));
    xlsx = await renderReportXlsx(model);
  }, 120_000);

  it("has figures to check (the demo quarter is not empty)", () => {
    expect(overall.responses).toBeGreaterThan(100);
    expect(figures.length).toBeGreaterThan(15);
    expect(figures).toContain(formatRate(overall.index));
  });

  it("captions: «Bảng n. …» / «Biểu đồ n. …» numbered in order, without a heading's own number or capitals", () => {
    expect(captionText("2. Chỉ số hài lòng theo yếu tố")).toBe("Chỉ số hài lòng theo yếu tố");
    expect(captionText("III. ĐƠN VỊ CÓ TỶ LỆ HÀI LÒNG THẤP CẦN CHẤN CHỈNH")).toBe("Đơn vị có tỷ lệ hài lòng thấp cần chấn chỉnh");
    expect(captionText("Ông/Bà thuộc nhóm tuổi nào?")).toBe("Ông/Bà thuộc nhóm tuổi nào?");
    expect(captionText("UBND XÃ")).toBe("UBND XÃ");
    // A period with a unit to correct has the table of section III: every caption of every table and chart follows the rule.
    const row = { kind: "agency", key: "SO_XD", label: "Sở Xây dựng", index: 80, target: null, belowTarget: true, delta: null } as const;
    const withSection3 = reportDocument({ ...model, data: { ...model.data, toCorrect: [row] } });
    const captions = (d: ReportDocument, kind: "table" | "bars") =>
      d.blocks.flatMap((b) => (b.kind === "table" && kind === "table" ? [b.table.caption] : b.kind === "bars" && kind === "bars" ? [b.caption] : []));
    for (const [kind, word] of [
      ["table", "Bảng"],
      ["bars", "Biểu đồ"],
    ] as const) {
      const list = captions(withSection3, kind);
      expect(list.length, kind).toBeGreaterThan(0);
      list.forEach((caption, i) => {
        expect(caption).toMatch(new RegExp(`^${word} ${i + 1}\\. \\S`));
        const rest = caption.slice(`${word} ${i + 1}. `.length);
        expect(rest, caption).not.toMatch(/^(?:\d+|[IVXLC]+)\.\s/);
        expect(rest, caption).not.toBe(rest.toLocaleUpperCase("vi"));
      });
    }
    expect(captions(withSection3, "table")).toContain(`Bảng ${captions(withSection3, "table").length}. Đơn vị có tỷ lệ hài lòng thấp cần chấn chỉnh`);
    expect(captions(doc, "table")).toEqual(captions(withSection3, "table").slice(0, -1));
  });

  it("the print HTML: layout, every figure, the draft, staff text inert", () => {
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "UBND TỈNH ĐIỆN BIÊN",
      "SỞ NỘI VỤ",
      "Số: 125/BC-SNV",
      "Điện Biên, ngày 22 tháng 11 năm 2026",
      "BÁO CÁO",
      "I. TÌNH HÌNH TRIỂN KHAI",
      "II. KẾT QUẢ KHẢO SÁT",
      "III. ĐƠN VỊ CÓ TỶ LỆ HÀI LÒNG THẤP CẦN CHẤN CHỈNH",
      "IV. ĐỀ XUẤT, KIẾN NGHỊ",
      RECOMMENDATION,
      "Nguyễn Văn Ánh",
      "GIÁM ĐỐC",
      "<svg",
    ]) {
      expect(html).toContain(text);
    }
    for (const f of figures) expect(html).toContain(f);
    expect(html).not.toContain("<script");
  });

  it("the PDF: same figures and diacritics as results --json", async () => {
    const { pages, text } = await pdfText(pdf);
    console.info(
      `report PDF: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB; .docx ${(docx.length / 1024).toFixed(0)} KB; .xlsx ${(xlsx.length / 1024).toFixed(0)} KB`,
    );
    expect(pages).toBeGreaterThanOrEqual(3);
    const flat = text.replace(/\s+/g, " ");
    for (const phrase of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "hài lòng",
      "Số: 125/BC-SNV",
      "quý III năm 2026",
      "Tiếp cận dịch vụ",
      "Nguyễn Văn Ánh",
    ]) {
      expect(flat).toContain(phrase);
    }
    for (const f of figures) expect(flat).toContain(f);
  });

  it("the .docx: real headings and tables, same figures and diacritics", async () => {
    const xml = await docxText(docx);
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain("<w:tbl>");
    for (const phrase of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "hài lòng", RECOMMENDATION, "Nguyễn Văn Ánh"])
      expect(xml).toContain(phrase);
    for (const f of figures) expect(xml).toContain(f);
  });

  it("the .xlsx opens with the same figures, rates as numbers in a % format, header rows frozen", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining(["Tổng hợp", "Yếu tố", "Cơ quan", "Lĩnh vực", "Kênh", "Mong đợi", "Đặc điểm người trả lời", "Cần chấn chỉnh"]),
    );
    const summary = wb.getWorksheet("Tổng hợp")!;
    expect(Math.round((summary.getCell("B6").value as number) * 10000) / 100).toBe(overall.index);
    expect(summary.getCell("B6").numFmt).toBe("0.00%");
    const sheet = wb.getWorksheet("Cơ quan")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const byName = new Map<string, number | null>();
    sheet.eachRow((row, n) => {
      if (n > 1)
        byName.set(String(row.getCell(2).value), row.getCell(4).value === null ? null : Math.round((row.getCell(4).value as number) * 10000) / 100);
    });
    for (const g of agencies) if (g.responses > 0) expect(byName.get(g.label)).toBe(g.index);
    expect(sheet.getColumn(4).numFmt).toBe("0.00%");
  });
});

describe("the raw-response CSV", () => {
  it("one row per response, one column per question, BOM, multi-select joined, formulas made inert, agency scope", async () => {
    const s = demoServices();
    const base = { survey: "sipas", agency: "TTHCC", field: "DAT_DAI", channel: "surveyor", submittedAt: "2026-08-14T09:12:00+07:00", locale: "vi" };
    const answers = { HL_TC: 4, HL_TT: 5, MONG_DOI: [1, 3] };
    const first = ingestResponse(
      s.db,
      s.surveys,
      { ...base, id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e61", answers: { ...answers, Y_KIEN: '=HYPERLINK("http://x","bấm")' } },
      { source: "test" },
    );
    expect(first.status).toBe("created");
    ingestResponse(
      s.db,
      s.surveys,
      { ...base, id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e62", answers: { ...answers, Y_KIEN: "Cán bộ nhiệt tình, chu đáo" } },
      { source: "test" },
    );
    ingestResponse(
      s.db,
      s.surveys,
      { ...base, agency: "SO_XD", field: "XAY_DUNG", id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e63", answers },
      { source: "test" },
    );
    const def = s.surveys.get("sipas")!.def;
    const read = async (agency?: string) => {
      const { total, stream } = csvExport(s.db.$client.name, def, { survey: "sipas", ...RANGE, ...(agency ? { agency } : {}) });
      const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      return { total, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
    };
    const all = await read();
    expect(all.total).toBe(3);
    expect([...all.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(all.text.charCodeAt(0)).toBe(0xfeff);
    const lines = all.text.slice(1).trim().split("\r\n");
    expect(lines).toHaveLength(4);
    const head = lines[0]!.split(",");
    expect(head.slice(0, 4)).toEqual(["ma_phieu", "khao_sat", "phien_ban", "co_quan"]);
    for (const code of ["GIOI_TINH", "TC1", "HL_TC", "HL_CHUNG", "MONG_DOI", "Y_KIEN"]) expect(head).toContain(code);
    expect(lines[1]).toContain(",1;3,");
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(lines[2]).toContain('"Cán bộ nhiệt tình, chu đáo"');
    const scoped = await read("TTHCC");
    expect(scoped.total).toBe(2);
    expect(scoped.text).not.toContain("SO_XD");
  });
});
