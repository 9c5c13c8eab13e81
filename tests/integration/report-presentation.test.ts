/**
 * The official report presented as Nghị định 30/2020/NĐ-CP asks (Phụ lục I), read back from the files
 * themselves: the PDF (Debian's Chromium, read with pdf.js) and the .docx (unzipped).
 * - a Times-metric serif: Tinos in the PDF, body 13 pt, the kind of document 14 pt; every Vietnamese letter
 *   of a sample in Tinos (a missing letter would bring a fallback font into the PDF's font list);
 * - the page number, Arabic digits 13 pt, centred over the text in the top margin, none on page 1 — in the
 *   PDF and as a PAGE field in the .docx header with a different (empty) first-page header;
 * - nothing printed outside the text area (the «stray diacritic»: accents of a page's first line painted at
 *   the foot of the page before), no page ending with a heading, a caption or a table's head row;
 * - the charts in the .docx as pictures at the text's width, with their captions; tables and a note when
 *   the server has no Chromium.
 */
import JSZip from "jszip";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";

import { reportDocument, type Block, type ReportDocument } from "../../app/report/blocks";
import { renderReportDocx } from "../../app/report/docx.server";
import { saveDraft } from "../../app/report/drafts.server";
import { renderReportHtml } from "../../app/report/html.server";
import { buildReport } from "../../app/report/model.server";
import { renderPdf } from "../../app/report/pdf.server";
import { reportSettings } from "../../app/report/settings.server";
import { fixedT } from "../../app/i18n/i18n";
import { generateResponses } from "../../db/seed/generate";
import { demoServices } from "../support/services";

const NOW = Date.parse("2026-11-20T10:00:00+07:00");
// A year: enough responses for agencies to be ranked, so the report has both of its charts.
const KEY = { survey: "sipas", period: "2026", scope: "province" };
const t = fixedT("vi");

/** Every Vietnamese letter with a diacritic, small and capital: 12 vowels × 6 tones, and đ. */
const VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"];
const LETTERS = [...[...VOWELS].flatMap((v) => TONES.map((tone) => (v + tone).normalize("NFC"))), "đ"];
/** Words pairing each small letter with its capital, so that every line holds stacked capitals (Ễ, Ặ, Ỗ…). */
const SAMPLE = LETTERS.map((l) => `${l}${l.toLocaleUpperCase("vi")}`).join(" ");

const MM = 72 / 25.4; // PDF points per millimetre
const TEXT = { left: 30 * MM, right: 210 * MM - 15 * MM, top: 297 * MM - 20 * MM, bottom: 20 * MM };

type Item = { str: string; x: number; y: number; width: number; size: number; font: string };
type Page = { items: Item[]; fonts: string[] };

/** Text items of each page with the name of the font the PDF embeds for them (pdf.js loads them). */
async function pdfPages(pdf: Buffer): Promise<Page[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
  const pages: Page[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    await page.getOperatorList(); // loads the page's fonts into commonObjs
    const fontName = (id: string) => (page.commonObjs.get(id) as { name: string }).name;
    const items = content.items
      .filter((it) => "str" in it && it.str.trim() !== "")
      .map((it) => {
        const item = it as { str: string; transform: number[]; width: number; fontName: string };
        return {
          str: item.str,
          x: item.transform[4]!,
          y: item.transform[5]!,
          width: item.width,
          size: Math.round(Math.hypot(item.transform[0]!, item.transform[1]!) * 10) / 10,
          font: fontName(item.fontName),
        };
      });
    pages.push({ items, fonts: [...new Set(items.map((it) => it.font))] });
  }
  return pages;
}

const family = (font: string) => font.replace(/^[A-Z]{6}\+/, ""); // subset prefix "AAAAAA+"
const isPageNumber = (item: Item, n: number) => n > 1 && item.str === String(n) && item.y > TEXT.top;

async function unzip(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const text = (name: string) => zip.file(name)!.async("string");
  const names = Object.keys(zip.files);
  return { zip, text, names };
}

describe("the report to NĐ 30/2020: fonts, page numbers, nothing stray, charts in the .docx", () => {
  let doc: ReportDocument;
  let pages: Page[];
  /** A document of many short tables, so that page breaks fall next to captions and head rows. */
  let tablesPages: Page[];
  let tablesDoc: ReportDocument;
  let docx: Buffer;
  let docxNoChromium: Buffer;
  let charts: Extract<Block, { kind: "bars" }>[];

  beforeAll(async () => {
    const s = demoServices();
    generateResponses(s.db, s.surveys, { responses: 1500, seed: 2025, days: 365, now: NOW });
    // Forty paragraphs of the sample: pages begin with lines full of stacked capitals.
    const recommendations = Array.from({ length: 40 }, () => SAMPLE).join("\n");
    saveDraft(s.db, KEY, { number: "", recommendations, recipients: "", signerTitle: "Giám đốc", signerName: "Nguyễn Văn Ánh" }, null);
    doc = reportDocument(buildReport(s.db, s.surveys, { key: KEY, today: "2026-11-22", province: "Điện Biên" }));
    charts = doc.blocks.filter((b): b is Extract<Block, { kind: "bars" }> => b.kind === "bars");
    pages = await pdfPages(await renderPdf(renderReportHtml(doc, { pdf: true })));
    const shortTables = Array.from({ length: 30 }, (_, i): Block[] => [
      { kind: "heading", level: 2, text: `${i + 1}. Mục thứ ${i + 1}` },
      {
        kind: "table",
        table: {
          caption: `Bảng ${i + 1}. Số liệu của mục thứ ${i + 1}`,
          head: ["Cơ quan, đơn vị", "Số phiếu", "Chỉ số (%)"],
          align: ["left", "right", "right"],
          rows: Array.from({ length: (i % 6) + 1 }, (_, r) => [`Đơn vị ${r + 1}`, String(30 + r), "90,00"]),
        },
      },
    ]).flat();
    tablesDoc = { ...doc, blocks: shortTables };
    tablesPages = await pdfPages(await renderPdf(renderReportHtml(tablesDoc, { pdf: true })));
    docx = await renderReportDocx(doc);
    docxNoChromium = await renderReportDocx(doc, { ...reportSettings(), CHROMIUM_PATH: "/nonexistent/chromium" });
  }, 180_000);

  it("has what the checks need: several pages, both charts, the sample", () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(charts).toHaveLength(2);
    expect(doc.blocks).toContainEqual({ kind: "paragraph", text: SAMPLE });
  });

  it("PDF: every text is Tinos (no fallback font on any page), body 13 pt, the kind of document 14 pt", () => {
    for (const [i, page] of pages.entries()) {
      for (const font of page.fonts) expect(family(font), `page ${i + 1}`).toMatch(/^Tinos(-Bold|-Italic|-BoldItalic)?$/);
    }
    const all = pages.flatMap((p) => p.items);
    const kind = all.find((it) => it.str === doc.kind)!;
    expect(kind).toMatchObject({ size: 14, font: expect.stringMatching(/Tinos-Bold$/) });
    const method = all.find((it) => it.str.startsWith("Tỷ lệ hài lòng là tỷ lệ câu trả lời"))!;
    expect(method).toMatchObject({ size: 13, font: expect.stringMatching(/\+Tinos$/) });
  });

  it("PDF: every Vietnamese letter of the sample is printed, in Tinos at 13 pt", () => {
    const sampleItems = pages.flatMap((p) => p.items).filter((it) => it.str.includes("ăĂ"));
    expect(sampleItems.length).toBeGreaterThan(0);
    const printed = new Set(
      pages
        .flatMap((p) => p.items)
        .filter((it) => it.size === 13 && /\+Tinos$/.test(it.font))
        .flatMap((it) => [...it.str.normalize("NFC")]),
    );
    const missing = LETTERS.flatMap((l) => [l, l.toLocaleUpperCase("vi")]).filter((l) => !printed.has(l));
    expect(missing).toEqual([]);
  });

  it("PDF: the page number is centred in the top margin from page 2 on, 13 pt, and page 1 has none", () => {
    expect(pages[0]!.items.filter((it) => it.y > TEXT.top)).toEqual([]);
    for (let n = 2; n <= pages.length; n++) {
      const top = pages[n - 1]!.items.filter((it) => it.y > TEXT.top);
      expect(
        top.map((it) => it.str),
        `page ${n}`,
      ).toEqual([String(n)]);
      const number = top[0]!;
      expect(pages[n - 1]!.items[0], `page ${n} begins with its number`).toBe(number);
      expect(Math.abs(number.x + number.width / 2 - (TEXT.left + TEXT.right) / 2), `page ${n} centred`).toBeLessThan(1);
      expect(number).toMatchObject({ size: 13, font: expect.stringMatching(/\+Tinos$/) });
    }
  });

  it("PDF: nothing is printed outside the text area but the page numbers (no stray accent at a page's foot)", () => {
    for (const [i, page] of pages.entries()) {
      const outside = page.items.filter(
        (it) => !isPageNumber(it, i + 1) && (it.y < TEXT.bottom || it.y > TEXT.top || it.x < TEXT.left - 1 || it.x + it.width > TEXT.right + 1),
      );
      expect(
        outside.map((it) => `${it.str} @${it.x.toFixed(1)},${it.y.toFixed(1)}`),
        `page ${i + 1}`,
      ).toEqual([]);
    }
  });

  it("PDF: no page ends with a heading, a table's caption or its head row", () => {
    for (const [d, p] of [
      [doc, pages],
      [tablesDoc, tablesPages],
    ] as const) {
      const headings = new Set(d.blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : [])));
      for (const [i, page] of p.slice(0, -1).entries()) {
        const lowest = Math.min(...page.items.map((it) => it.y));
        const lastLine = page.items.filter((it) => it.y < lowest + 1);
        const label = `page ${i + 1} of ${p.length} ends with ${JSON.stringify(lastLine.map((it) => it.str))}`;
        expect(
          lastLine.some((it) => headings.has(it.str) || /^Bảng \d+\./.test(it.str)),
          label,
        ).toBe(false);
        // A head row is bold 12 pt; a table's last line has its regular face.
        expect(
          lastLine.every((it) => /Tinos-Bold$/.test(it.font) && it.size === 12),
          label,
        ).toBe(false);
      }
    }
  });

  it(".docx: Times New Roman 13 pt (14 pt for the kind of document), the page number as a PAGE field from page 2 on", async () => {
    const { text, names } = await unzip(docx);
    const xml = await text("word/document.xml");
    const styles = await text("word/styles.xml");
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*\/>\s*<w:sz w:val="26"\/>/);
    expect(xml).toContain(`<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">${doc.kind}</w:t>`);
    // A different first page (titlePg) whose header is empty; every other page's header holds PAGE, centred.
    expect(xml).toContain("<w:titlePg/>");
    const refs = Object.fromEntries([...xml.matchAll(/<w:headerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]]));
    const rels = await text("word/_rels/document.xml.rels");
    const target = (id: string) =>
      `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1]}`;
    expect(Object.keys(refs).sort()).toEqual(["default", "first"]);
    const first = await text(target(refs.first!));
    const other = await text(target(refs.default!));
    expect(names).toEqual(expect.arrayContaining([target(refs.first!), target(refs.default!)]));
    expect(first).not.toContain("PAGE");
    expect(other).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(other).toContain('<w:jc w:val="center"/>');
    expect(other).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*\/><w:sz w:val="26"\/>/);
  });

  it(".docx: each chart is a PNG across the text's width, drawn from the PDF's SVG, its caption below", async () => {
    const { zip, text, names } = await unzip(docx);
    const xml = await text("word/document.xml");
    const media = names.filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(charts.length);
    const drawings = [...xml.matchAll(/<w:drawing>.*?<\/w:drawing>/g)].map((m) => m[0]);
    expect(drawings).toHaveLength(charts.length);
    for (const [i, drawing] of drawings.entries()) {
      // 165 mm (A4 less the 30 and 15 mm margins) is 5 940 000 EMU; the picture is 623 px of 9 525 EMU.
      const cx = Number(/<wp:extent cx="(\d+)"/.exec(drawing)![1]);
      expect(Math.abs(cx - 165 * 36_000) / (165 * 36_000)).toBeLessThan(0.005);
      // The caption is the paragraph right after the picture's.
      const after = xml.slice(xml.indexOf(drawing) + drawing.length);
      expect(/<w:t[^>]*>([^<]*)<\/w:t>/.exec(after)![1]).toBe(charts[i]!.caption);
    }
    for (const name of media) {
      const png = PNG.sync.read(await zip.file(name)!.async("nodebuffer"));
      expect(png.width).toBe(1280);
      // The bars' blue (#5b7fa6) fills part of the picture: it was drawn, not left blank.
      let blue = 0;
      for (let p = 0; p < png.data.length; p += 4) if (png.data[p] === 0x5b && png.data[p + 1] === 0x7f && png.data[p + 2] === 0xa6) blue++;
      expect(blue / (png.width * png.height)).toBeGreaterThan(0.05);
    }
  });

  it(".docx without Chromium on the server still downloads: each chart as a table of its figures, with a note", async () => {
    const { text, names } = await unzip(docxNoChromium);
    expect(names.filter((n) => n.startsWith("word/media/"))).toEqual([]);
    const xml = await text("word/document.xml");
    expect(xml).not.toContain("<w:drawing>");
    expect(xml.split(t("report.doc.chartAsTable")).length - 1).toBe(charts.length);
    for (const chart of charts) {
      const at = xml.indexOf(`>${chart.caption}<`);
      expect(at, chart.caption).toBeGreaterThan(0);
      const table = xml.slice(at, xml.indexOf("</w:tbl>", at));
      for (const bar of chart.bars) expect(table).toContain(bar.label.replace(/&/g, "&amp;"));
    }
  });
});
