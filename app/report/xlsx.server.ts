/**
 * The report's figures as a workbook (exceljs): one sheet per breakdown, bold shaded header rows frozen
 * in place, rates as numbers (fraction of 1) with a "0.00%" format so that Excel computes with them.
 * Every figure is the model's (app/figures → app/results → app/method): nothing is computed here.
 */
import ExcelJS from "exceljs";

import type { IndexRow, Status } from "../dashboard/types";
import { fixedT } from "../i18n/i18n";
import type { ReportModel } from "./types";

const t = fixedT("vi");
type Kind = "text" | "count" | "pct" | "points";
type Col = { header: string; kind: Kind; width?: number };

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);
const status = (s: Status) =>
  ({
    met: t("report.doc.met"),
    notMet: t("report.doc.notMet"),
    few: t("report.doc.few"),
    noTarget: t("report.doc.noTarget"),
    noData: t("report.doc.noData"),
  })[s];
const target = (r: { target: { op: string; pct: number } | null }) => (r.target ? `${r.target.op === ">" ? ">" : "≥"} ${r.target.pct}%` : null);

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: (string | number | null)[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, width: c.width ?? (c.kind === "text" ? 40 : 14) }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: "middle", wrapText: true };
  head.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF5" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const values of rows) ws.addRow(values);
  cols.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    if (c.kind === "pct") column.numFmt = "0.00%";
    if (c.kind === "points") column.numFmt = "+0.00;-0.00;0.00";
    if (c.kind === "count") column.numFmt = "#,##0";
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

const indexCols = (unit: string): Col[] => [
  { header: t("report.doc.rank"), kind: "count", width: 8 },
  { header: unit, kind: "text" },
  { header: t("report.doc.responses"), kind: "count" },
  { header: t("report.doc.index"), kind: "pct" },
  { header: `${t("report.doc.interval")} (từ)`, kind: "pct" },
  { header: `${t("report.doc.interval")} (đến)`, kind: "pct" },
  { header: t("report.doc.target"), kind: "text", width: 12 },
  { header: t("report.doc.status"), kind: "text", width: 18 },
  { header: t("report.doc.delta"), kind: "points" },
  { header: t("report.doc.rankChange"), kind: "count" },
];
const indexRow = (r: IndexRow) => [
  r.rank,
  r.label,
  r.responses,
  pct(r.index),
  pct(r.ciLow),
  pct(r.ciHigh),
  target(r),
  status(r.status),
  r.delta,
  r.rankChange,
];

export async function renderReportXlsx(m: ReportModel): Promise<Buffer> {
  const d = m.data;
  const wb = new ExcelJS.Workbook();
  wb.creator = "SIPAS";
  const h = d.headline;
  sheet(
    wb,
    "Tổng hợp",
    [
      { header: "Chỉ tiêu thống kê", kind: "text" },
      { header: "Giá trị", kind: "text", width: 20 },
    ],
    [
      ["Khảo sát", d.surveyTitle],
      ["Kỳ báo cáo", `${m.periodLabel} (${m.range.from} – ${m.range.to})`],
      ["Phạm vi", m.agency ? m.agency.name : `Tỉnh ${m.province}`],
      [t("report.doc.responses"), h.responses],
      ["Chỉ số hài lòng chung", pct(h.index)],
      [t("report.doc.target"), target(h)],
      [t("report.doc.status"), status(h.status)],
      ["Chỉ số kỳ trước", pct(h.previous.index)],
      [t("report.doc.delta"), h.delta],
    ],
  );
  // The value column mixes text and numbers: format the rate cells one by one.
  const summary = wb.getWorksheet("Tổng hợp")!;
  for (const r of [6, 9]) summary.getCell(`B${r}`).numFmt = "0.00%";
  summary.getCell("B10").numFmt = "+0.00;-0.00;0.00";

  sheet(
    wb,
    d.kind === "elements" ? "Yếu tố" : "Câu hỏi",
    [
      { header: d.kind === "elements" ? t("report.doc.element") : t("report.doc.question"), kind: "text" },
      { header: t("report.doc.index"), kind: "pct" },
      { header: `${t("report.doc.interval")} (từ)`, kind: "pct" },
      { header: `${t("report.doc.interval")} (đến)`, kind: "pct" },
      { header: t("report.doc.n"), kind: "count" },
    ],
    d.components.map((c) => [c.label, pct(c.rate), pct(c.ciLow), pct(c.ciHigh), c.n]),
  );
  // Per-respondent measures and number questions: a figure only where enough answered (the few-answers rule).
  const enough = <T>(ok: boolean, v: T) => (ok ? v : null);
  if (d.measures.length) {
    sheet(
      wb,
      "Chỉ số theo người trả lời",
      [
        { header: t("figures.measure"), kind: "text" },
        { header: t("figures.rate"), kind: "pct" },
        { header: `${t("figures.interval")} (từ)`, kind: "pct" },
        { header: `${t("figures.interval")} (đến)`, kind: "pct" },
        { header: t("figures.people"), kind: "count" },
      ],
      d.measures.map((x) => [
        x.label,
        enough(!x.fewAnswers, pct(x.rate)),
        enough(!x.fewAnswers, pct(x.ciLow)),
        enough(!x.fewAnswers, pct(x.ciHigh)),
        x.n,
      ]),
    );
  }
  if (d.numbers.length) {
    const thresholds = [...new Set(d.numbers.flatMap((q) => q.atLeast.map((a) => a.threshold)))];
    sheet(
      wb,
      "Câu hỏi dạng số",
      [
        { header: t("figures.question"), kind: "text" },
        { header: "Đơn vị", kind: "text", width: 10 },
        { header: t("figures.people"), kind: "count" },
        { header: t("figures.mean"), kind: "count" },
        { header: t("figures.median"), kind: "count" },
        ...thresholds.map((v): Col => ({ header: t("figures.atLeast", { threshold: v }), kind: "pct" })),
      ],
      d.numbers.map((q) => [
        q.label,
        q.unit,
        q.n,
        enough(!q.fewAnswers, q.mean),
        enough(!q.fewAnswers, q.median),
        ...thresholds.map((v) => enough(!q.fewAnswers, pct(q.atLeast.find((a) => a.threshold === v)?.share))),
      ]),
    );
  }
  sheet(
    wb,
    d.ranking.kind === "counter" ? "Quầy" : "Cơ quan",
    indexCols(d.ranking.kind === "counter" ? t("report.doc.counter") : t("report.doc.unit")),
    d.ranking.rows.map(indexRow),
  );
  sheet(wb, "Lĩnh vực", indexCols(t("report.doc.field")), d.fields.map(indexRow));
  sheet(
    wb,
    "Kênh",
    [
      { header: t("report.doc.channel"), kind: "text" },
      { header: t("report.doc.responses"), kind: "count" },
      { header: t("report.doc.share"), kind: "pct" },
    ],
    m.channels.map((c) => [c.label, c.responses, pct(c.share)]),
  );
  const scale = d.scale;
  sheet(
    wb,
    "Phân bố trả lời",
    [
      { header: t("report.doc.criterion"), kind: "text" },
      { header: t("report.doc.n"), kind: "count" },
      { header: "Điểm trung bình", kind: "text", width: 14 },
      ...scale.map((o): Col => ({ header: o.label, kind: "pct" })),
    ],
    d.distribution.map((r) => [r.label, r.n, r.mean, ...scale.map((o) => pct(r.shares.find((s) => s.code === o.code)?.share))]),
  );
  sheet(
    wb,
    "Tiêu chí thấp nhất",
    [
      { header: t("report.doc.criterion"), kind: "text" },
      { header: t("report.doc.rate"), kind: "pct" },
      { header: `${t("report.doc.interval")} (từ)`, kind: "pct" },
      { header: `${t("report.doc.interval")} (đến)`, kind: "pct" },
      { header: t("report.doc.n"), kind: "count" },
    ],
    d.lowest.map((c) => [c.label, pct(c.rate), pct(c.ciLow), pct(c.ciHigh), c.n]),
  );
  if (d.expectations) {
    sheet(
      wb,
      "Mong đợi",
      [
        { header: t("report.doc.rank"), kind: "count", width: 8 },
        { header: t("report.doc.expectation"), kind: "text" },
        { header: t("report.doc.chosen"), kind: "count" },
        { header: t("report.doc.share"), kind: "pct" },
      ],
      d.expectations.rows.map((r) => [r.rank ?? null, r.label, r.count, pct(r.share)]),
    );
  }
  if (m.profiles.length) {
    sheet(
      wb,
      "Đặc điểm người trả lời",
      [
        { header: "Đặc điểm", kind: "text", width: 28 },
        { header: t("report.doc.group"), kind: "text", width: 28 },
        { header: t("report.doc.responses"), kind: "count" },
        { header: t("report.doc.index"), kind: "pct" },
        { header: t("report.doc.status"), kind: "text", width: 18 },
      ],
      m.profiles.flatMap((p) => p.rows.map((r) => [p.label, r.label, r.responses, pct(r.index), status(r.status)])),
    );
  }
  sheet(
    wb,
    "Cần chấn chỉnh",
    [
      { header: t("report.doc.unit"), kind: "text" },
      { header: "Loại", kind: "text", width: 12 },
      { header: t("report.doc.index"), kind: "pct" },
      { header: t("report.doc.target"), kind: "text", width: 12 },
      { header: t("report.doc.belowTarget"), kind: "text", width: 16 },
      { header: t("report.doc.delta"), kind: "points" },
    ],
    d.toCorrect.map((r) => [
      r.label,
      { agency: t("report.doc.kindAgency"), field: t("report.doc.kindField"), counter: t("report.doc.kindCounter") }[r.kind],
      pct(r.index),
      target(r),
      r.belowTarget ? "x" : null,
      r.delta,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
