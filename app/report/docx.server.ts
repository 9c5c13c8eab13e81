/**
 * The report as an editable Word file (the `docx` library): real heading styles, tables and paragraphs,
 * Times New Roman 13 pt (14 pt for the kind of document and its title), A4 with the margins of NĐ 30/2020,
 * the page number centred in the header from page 2 on. Staff edit it before signing; the figures are the
 * blocks' (blocks.ts), the same as the HTML and PDF. Charts are pictures of the PDF's own SVG, at the text's
 * width (charts.server.ts); without Chromium on the server each chart becomes a table, and a note says so.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from "docx";

import { formatInterval, formatRate } from "../dashboard/format";
import { fixedT } from "../i18n/i18n";
import { barsSize } from "./bars";
import type { Block, ReportDocument, Table } from "./blocks";
import { renderChartPngs } from "./charts.server";
import { reportSettings } from "./settings.server";

const FONT = "Times New Roman";
const PT = 2; // docx sizes are half-points
const MM = 56.7; // twips per millimetre
/** The text's width, 210 − 30 − 15 mm, in the pixels (1/96 in) that ImageRun sizes pictures in. */
const TEXT_WIDTH_PX = Math.floor((165 / 25.4) * 96);
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const t = fixedT("vi");

/**
 * Text as XML 1.0 allows it: staff text pasted into a draft can carry control characters (Word's own line
 * break is U+000B), and one of them makes the whole .docx a file Word refuses to open. Form and line
 * feeds become spaces, the rest is dropped; lone surrogates too (not characters at all).
 */
// Matching control characters is the point of these two expressions.
/* eslint-disable no-control-regex */
export const xmlText = (text: string) =>
  text
    .replace(/[\u000B\u000C]/g, " ")
    .replace(/[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
/* eslint-enable no-control-regex */

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({
    text: xmlText(text),
    bold: o.bold,
    italics: o.italics,
    size: (o.size ?? 13) * PT,
    font: FONT,
    ...(o.underline ? { underline: {} } : {}),
  });

const para = (children: TextRun[], o: IParagraphOptions = {}) => new Paragraph({ spacing: { after: 0 }, ...o, children });
const centered = (text: string, o: Parameters<typeof run>[1] = {}) => para([run(text, o)], { alignment: AlignmentType.CENTER });

type Bars = Extract<Block, { kind: "bars" }>;

export async function renderReportDocx(doc: ReportDocument, settings = reportSettings()): Promise<Buffer> {
  const charts = doc.blocks.filter((b): b is Bars => b.kind === "bars");
  // A missing, busy or failing Chromium must not cost the Word file: its charts then come as tables.
  const pngs = await renderChartPngs(charts, settings).catch((error: unknown) => {
    console.warn(JSON.stringify({ docxCharts: "as tables", detail: error instanceof Error ? error.message : String(error) }));
    return null;
  });
  const pictures = new Map<Block, Buffer>(pngs ? charts.map((c, i) => [c, pngs[i]!]) : []);
  const document = new Document({
    creator: "SIPAS",
    title: xmlText(`${doc.kind} ${doc.title[0]}`),
    styles: {
      default: { document: { run: { font: FONT, size: 13 * PT } } },
      paragraphStyles: [
        {
          id: "Heading1",
          name: "Heading 1",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: FONT, size: 13 * PT, bold: true, color: "000000" },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        {
          id: "Heading2",
          name: "Heading 2",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: FONT, size: 13 * PT, bold: true, italics: true, color: "000000" },
          paragraph: { spacing: { before: 160, after: 80 }, keepNext: true },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM, header: 10 * MM },
          },
          // NĐ 30: the page number is centred in the top margin, and page 1 shows none (its own, empty header).
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [para([new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 13 * PT })], { alignment: AlignmentType.CENTER })],
          }),
          first: new Header({ children: [para([])] }),
        },
        children: [
          header(doc),
          para([]),
          centered(doc.kind, { bold: true, size: 14 }),
          ...doc.title.map((l) => centered(l, { bold: true, size: 14 })),
          centered(doc.subtitle, { italics: true, size: 12 }),
          para([]),
          ...doc.blocks.flatMap((b) => block(b, pictures.get(b))),
          para([]),
          signature(doc),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function cell(children: Paragraph[], width: number, o: { borders?: boolean; shade?: boolean } = {}) {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    ...(o.borders === false ? { borders: { top: NONE, bottom: NONE, left: NONE, right: NONE } } : {}),
    ...(o.shade ? { shading: { fill: "F2F2F2" } } : {}),
  });
}

function header(doc: ReportDocument): DocxTable {
  const h = doc.header;
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell([centered(h.parent, { size: 12 }), centered(h.body, { bold: true, size: 12, underline: true }), para([]), centered(h.number)], 40, {
            borders: false,
          }),
          cell(
            [
              centered(h.nation, { bold: true, size: 12 }),
              centered(h.motto, { bold: true, underline: true }),
              para([]),
              centered(h.placeDate, { italics: true }),
            ],
            60,
            { borders: false },
          ),
        ],
      }),
    ],
  });
}

/** One block in Word's terms; `picture` is a chart's PNG when it could be drawn. */
function block(b: Block, picture?: Buffer): (Paragraph | DocxTable)[] {
  switch (b.kind) {
    case "heading":
      return [
        new Paragraph({
          heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
          children: [new TextRun({ text: xmlText(b.text), font: FONT })],
        }),
      ];
    case "paragraph":
      return [para([run(b.text)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 10 * MM }, spacing: { after: 120 } })];
    case "table":
      return [caption(b.table.caption), table(b.table), para([])];
    case "bars":
      return picture ? chart(b, picture) : chartAsTable(b);
  }
}

const caption = (text: string) => para([run(text, { italics: true, size: 12 })], { keepNext: true });

/** The chart as the PDF shows it, across the text's width, its caption below. */
function chart(b: Bars, png: Buffer): Paragraph[] {
  const { width, height } = barsSize(b.bars);
  const image = new ImageRun({
    type: "png",
    data: png,
    transformation: { width: TEXT_WIDTH_PX, height: Math.round((TEXT_WIDTH_PX * height) / width) },
    altText: { name: xmlText(b.caption), description: xmlText(b.caption), title: xmlText(b.caption) },
  });
  return [
    new Paragraph({ children: [image], keepNext: true, spacing: { before: 60, after: 0 } }),
    para([run(b.caption, { italics: true, size: 12 })], { spacing: { after: 160 } }),
  ];
}

/** Without a picture: the chart's figures as a table under its caption, and a note saying why. */
function chartAsTable(b: Bars): (Paragraph | DocxTable)[] {
  const rows = b.bars.map((bar) => [
    bar.label,
    formatRate(bar.value),
    bar.low != null && bar.high != null ? formatInterval(bar.low, bar.high) : t("report.doc.none"),
  ]);
  return [
    caption(b.caption),
    para([run(t("report.doc.chartAsTable"), { italics: true, size: 11 })], { keepNext: true }),
    table({
      caption: b.caption,
      head: [t("report.doc.chartItem"), t("report.doc.rate"), t("report.doc.interval")],
      align: ["left", "right", "right"],
      rows,
    }),
    para([]),
  ];
}

function table(tb: Table): DocxTable {
  const align = (i: number) => (tb.align[i] === "right" ? AlignmentType.RIGHT : tb.align[i] === "center" ? AlignmentType.CENTER : AlignmentType.LEFT);
  const width = Math.floor(100 / tb.head.length);
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: tb.head.map((h) =>
          cell([para([run(h, { bold: true, size: 12 })], { alignment: AlignmentType.CENTER, keepNext: true })], width, { shade: true }),
        ),
      }),
      ...tb.rows.map(
        (row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell([para([run(c, { size: 12 })], { alignment: align(i) })], width)) }),
      ),
    ],
  });
}

function signature(doc: ReportDocument): DocxTable {
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              para([run(t("report.doc.recipients"), { bold: true, italics: true, size: 12 })]),
              ...doc.recipients.map((r) => para([run(r, { size: 11 })])),
            ],
            50,
            { borders: false },
          ),
          cell(
            [centered(doc.signer.title, { bold: true }), ...Array.from({ length: 4 }, () => para([])), centered(doc.signer.name, { bold: true })],
            50,
            { borders: false },
          ),
        ],
      }),
    ],
  });
}
