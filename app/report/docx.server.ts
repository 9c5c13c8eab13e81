/**
 * The report as an editable Word file (the `docx` library): real heading styles, tables and paragraphs,
 * Times New Roman 13 pt, A4 with the margins of NĐ 30/2020. Staff edit it before signing; the figures are
 * the blocks' (blocks.ts), the same as the HTML and PDF. Charts stay out: the tables carry every figure
 * and a Word chart would not survive editing anyway.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from "docx";

import { fixedT } from "../i18n/i18n";
import type { Block, ReportDocument, Table } from "./blocks";

const FONT = "Times New Roman";
const PT = 2; // docx sizes are half-points
const MM = 56.7; // twips per millimetre
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const t = fixedT("vi");

/**
 * Text as XML 1.0 allows it: staff text pasted into a draft can carry control characters (Word's own line
 * break is U+000B), and one of them makes the whole .docx a file Word refuses to open. Form and line
 * feeds become spaces, the rest is dropped; lone surrogates too (not characters at all).
 */
export const xmlText = (text: string) =>
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  text.replace(/[\u000B\u000C]/g, " ").replace(/[\u0000-\u0008\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}) =>
  new TextRun({ text: xmlText(text), bold: o.bold, italics: o.italics, size: (o.size ?? 13) * PT, font: FONT, ...(o.underline ? { underline: {} } : {}) });

const para = (children: TextRun[], o: IParagraphOptions = {}) => new Paragraph({ spacing: { after: 0 }, ...o, children });
const centered = (text: string, o: Parameters<typeof run>[1] = {}) => para([run(text, o)], { alignment: AlignmentType.CENTER });

export async function renderReportDocx(doc: ReportDocument): Promise<Buffer> {
  const document = new Document({
    creator: "SIPAS",
    title: xmlText(`${doc.kind} ${doc.title[0]}`),
    styles: {
      default: { document: { run: { font: FONT, size: 13 * PT } } },
      paragraphStyles: [
        { id: "Heading1", name: "Heading 1", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: FONT, size: 13 * PT, bold: true, color: "000000" }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        { id: "Heading2", name: "Heading 2", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: FONT, size: 13 * PT, bold: true, italics: true, color: "000000" }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
          },
        },
        children: [header(doc), para([]), centered(doc.kind, { bold: true, size: 14 }), ...doc.title.map((l) => centered(l, { bold: true })), centered(doc.subtitle, { italics: true, size: 12 }), para([]), ...doc.blocks.flatMap(block), para([]), signature(doc)],
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
          cell([centered(h.parent, { size: 12 }), centered(h.body, { bold: true, size: 12, underline: true }), para([]), centered(h.number)], 40, { borders: false }),
          cell([centered(h.nation, { bold: true, size: 12 }), centered(h.motto, { bold: true, underline: true }), para([]), centered(h.placeDate, { italics: true })], 60, { borders: false }),
        ],
      }),
    ],
  });
}

function block(b: Block): (Paragraph | DocxTable)[] {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun({ text: xmlText(b.text), font: FONT })] })];
    case "paragraph":
      return [para([run(b.text)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 10 * MM }, spacing: { after: 120 } })];
    case "table":
      return [para([run(b.table.caption, { italics: true, size: 11 })]), table(b.table), para([])];
    case "bars":
      return []; // the table before it holds the same figures
  }
}

function table(tb: Table): DocxTable {
  const align = (i: number) => (tb.align[i] === "right" ? AlignmentType.RIGHT : tb.align[i] === "center" ? AlignmentType.CENTER : AlignmentType.LEFT);
  const width = Math.floor(100 / tb.head.length);
  return new DocxTable({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: tb.head.map((h) => cell([para([run(h, { bold: true, size: 11 })], { alignment: AlignmentType.CENTER })], width, { shade: true })) }),
      ...tb.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell([para([run(c, { size: 11 })], { alignment: align(i) })], width)) })),
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
          cell([para([run(t("report.doc.recipients"), { bold: true, italics: true, size: 12 })]), ...doc.recipients.map((r) => para([run(r, { size: 11 })]))], 50, { borders: false }),
          cell([centered(doc.signer.title, { bold: true }), ...Array.from({ length: 4 }, () => para([])), centered(doc.signer.name, { bold: true })], 50, { borders: false }),
        ],
      }),
    ],
  });
}
