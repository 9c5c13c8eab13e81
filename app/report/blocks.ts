/**
 * The report's content as a list of blocks (headings, paragraphs, tables, bar charts), written once from
 * the model; the HTML page (→ PDF) and the .docx render the same blocks, so all three forms say the same
 * thing with the same numbers (vi-VN: "93,41"). Pure: no database, no I/O.
 */
import { formatCount, formatDelta, formatInterval, formatRate, formatTarget } from "../dashboard/format";
import { changeWords } from "../i18n/change-words";
import { formatDay } from "../i18n/vn-time";
import type { IndexRow, Status } from "../dashboard/types";
import { fixedT } from "../i18n/i18n";
import { measuresTable, numbersTable, type ExtraTable } from "../figures/extras-view";
import { qd766Blocks } from "../qd766/report-block";
import type { ReportModel } from "./types";

export type Align = "left" | "right" | "center";
export type Table = { caption: string; head: string[]; align: Align[]; rows: string[][] };
export type Bar = { label: string; value: number | null; low?: number | null; high?: number | null; note?: string };
export type Block =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: Table }
  | { kind: "bars"; caption: string; bars: Bar[]; target: number | null };

export type ReportDocument = {
  header: { parent: string; body: string; nation: string; motto: string; number: string; placeDate: string };
  kind: string;
  title: string[];
  /** Which survey the figures are of. */
  subtitle: string;
  blocks: Block[];
  recipients: string[];
  signer: { title: string; name: string };
  /** For file names: "bao-cao-sipas-2026-Q3-tinh". */
  fileStem: string;
};

const t = fixedT("vi");
const upper = (s: string) => s.toLocaleUpperCase("vi");

function statusText(s: Status): string {
  return {
    met: t("report.doc.met"),
    notMet: t("report.doc.notMet"),
    few: t("report.doc.few"),
    noTarget: t("report.doc.noTarget"),
    noData: t("report.doc.noData"),
  }[s];
}

/** "+2" / "−1" / "0"; "—" where there is no previous rank. */
function rankChange(n: number | null): string {
  if (n === null) return t("report.doc.none");
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}

/** Δ as the figures model decided it (app/method/verdicts.ts: only where both periods had enough answers). */
const deltaCell = (r: IndexRow) => formatDelta(r.delta);

const indexCell = (r: IndexRow) => (r.fewAnswers && r.index !== null ? `${formatRate(r.index)} (${t("report.doc.few")})` : formatRate(r.index));

export function reportDocument(m: ReportModel): ReportDocument {
  const d = m.data;
  const agencyScope = m.agency !== null;
  const header = {
    parent: upper(t("report.doc.provinceBody", { province: m.province })),
    body: agencyScope ? upper(m.agency!.name) : t("report.doc.interior"),
    nation: t("report.doc.nation"),
    motto: t("report.doc.motto"),
    number: m.draft.number.trim() ? t("report.doc.number", { number: m.draft.number.trim() }) : t("report.doc.numberBlank"),
    placeDate: t("report.doc.placeDate", {
      place: m.province,
      day: m.today.slice(8, 10),
      month: m.today.slice(5, 7),
      year: m.today.slice(0, 4),
    }),
  };
  const title = [`${t("report.doc.title")} ${m.periodLabel}`];
  if (m.agency) title.push(t("report.doc.titleAgency", { agency: m.agency.name }));
  const subtitle = t("report.doc.titleSurvey", { survey: d.surveyTitle });

  const blocks = numbered([...fieldwork(m), ...results(m), ...qd766Blocks(m.qd766), ...toCorrect(m), ...recommendations(m)]);
  const recipients = (m.draft.recipients.trim() || t("report.doc.recipientsDefault"))
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    header,
    kind: t("report.doc.kind"),
    title,
    subtitle,
    blocks,
    recipients,
    signer: { title: upper(m.draft.signerTitle.trim() || t("report.doc.signerDefault")), name: m.draft.signerName.trim() },
    fileStem: `bao-cao-${m.key.survey}-${m.key.period}-${m.agency ? m.agency.code : "tinh"}`,
  };
}

/**
 * A section heading used as a caption, without the heading's own number and capitals: "2. Chỉ số…" →
 * "Chỉ số…", "III. ĐƠN VỊ CÓ…" → "Đơn vị có…" (the caption is "Bảng 6. Đơn vị có…", never "Bảng 6. III. ĐƠN VỊ…").
 * Any other caption stays as written (a profile question, an acronym).
 */
export function captionText(text: string): string {
  const number = /^(?:\d+|[IVXLC]+)\.\s+/.exec(text);
  if (!number) return text.trim();
  const bare = text.slice(number[0].length).trim();
  if (bare !== upper(bare)) return bare;
  const lower = bare.toLocaleLowerCase("vi");
  return lower.charAt(0).toLocaleUpperCase("vi") + lower.slice(1);
}

/**
 * "Bảng 3. …", "Biểu đồ 2. …": tables and charts numbered in order, as reports cite them; and sub-headings
 * numbered 1, 2, 3… within their section, so a part a survey lacks (expectations, profiles) leaves no gap.
 */
function numbered(blocks: Block[]): Block[] {
  let tables = 0;
  let charts = 0;
  let sub = 0;
  return blocks.map((b) => {
    if (b.kind === "table")
      return { ...b, table: { ...b.table, caption: t("report.doc.table", { n: ++tables, caption: captionText(b.table.caption) }) } };
    if (b.kind === "bars") return { ...b, caption: t("report.doc.chartOf", { n: ++charts, caption: captionText(b.caption) }) };
    if (b.kind === "heading" && b.level === 1) sub = 0;
    if (b.kind === "heading" && b.level === 2) return { ...b, text: b.text.replace(/^\d+\.\s+/, `${++sub}. `) };
    return b;
  });
}

function fieldwork(m: ReportModel): Block[] {
  const h = m.data.headline;
  const units = m.data.ranking.rows.filter((r) => r.key !== "" && r.responses > 0).length;
  return [
    { kind: "heading", level: 1, text: t("report.doc.s1") },
    {
      kind: "paragraph",
      text: t("report.doc.s1Body", {
        from: formatDay(m.range.from),
        to: formatDay(m.range.to),
        responses: formatCount(h.responses),
        units: formatCount(units),
        prevFrom: formatDay(h.previous.from),
        prevTo: formatDay(h.previous.to),
        prevResponses: formatCount(h.previous.responses),
      }),
    },
    {
      kind: "table",
      table: {
        caption: t("report.doc.channels"),
        head: [t("report.doc.channel"), t("report.doc.responses"), t("report.doc.share")],
        align: ["left", "right", "right"],
        rows: m.channels.map((c) => [c.label, formatCount(c.responses), formatRate(c.share)]),
      },
    },
    { kind: "paragraph", text: t("report.doc.s1Method") },
  ];
}

function results(m: ReportModel): Block[] {
  const d = m.data;
  const h = d.headline;
  const out: Block[] = [
    { kind: "heading", level: 1, text: t("report.doc.s2") },
    { kind: "heading", level: 2, text: t("report.doc.s2Overall") },
  ];
  if (h.responses === 0) out.push({ kind: "paragraph", text: t("report.doc.noResponses") });
  const delta =
    h.deltaNote === "methodChanged"
      ? t("report.doc.deltaMethod")
      : h.delta === null
        ? t("report.doc.deltaNone")
        : t("report.doc.deltaBody", { previous: formatRate(h.previous.index), delta: formatDelta(h.delta) });
  out.push({
    kind: "paragraph",
    text: t("report.doc.overallBody", {
      index: `${formatRate(h.index)} %`,
      interval: h.ciLow !== null ? t("report.doc.overallInterval", { interval: formatInterval(h.ciLow, h.ciHigh) }) : "",
      target: formatTarget(h.target),
      status: statusText(h.status),
      delta,
    }),
  });

  // 2. Elements (SIPAS) or questions (counter rating), with intervals.
  const elements = d.kind === "elements";
  const compCaption = elements ? t("report.doc.s2Elements") : t("report.doc.s2Questions");
  out.push({ kind: "heading", level: 2, text: compCaption });
  out.push({
    kind: "table",
    table: {
      caption: compCaption,
      head: [
        elements ? t("report.doc.element") : t("report.doc.question"),
        elements ? t("report.doc.index") : t("report.doc.rate"),
        t("report.doc.interval"),
        t("report.doc.n"),
      ],
      align: ["left", "right", "right", "right"],
      rows: d.components.map((c) => [
        c.label,
        c.fewAnswers && c.rate !== null ? `${formatRate(c.rate)} (${t("report.doc.few")})` : formatRate(c.rate),
        formatInterval(c.ciLow, c.ciHigh),
        formatCount(c.n),
      ]),
    },
  });
  out.push({
    kind: "bars",
    caption: compCaption,
    target: h.target?.pct ?? null,
    bars: d.components.map((c) => ({ label: c.label, value: c.rate, low: c.ciLow, high: c.ciHigh })),
  });

  // Per-respondent measures (QĐ 56's «tỷ lệ hài lòng toàn diện») and number questions (G1), when the survey has them.
  const extra = (caption: string, table: ExtraTable | null): Block[] =>
    table
      ? [{ kind: "table", table: { caption, head: table.head, align: table.head.map((_, i) => (i === 0 ? "left" : "right")), rows: table.rows } }]
      : [];
  out.push(
    ...extra(
      t("figures.measuresTitle"),
      measuresTable(
        t,
        "vi",
        d.measures.map((x) => ({ ...x, enough: x.rate !== null && !x.fewAnswers })),
      ),
    ),
  );
  out.push(
    ...extra(
      t("figures.numbersTitle"),
      numbersTable(
        t,
        "vi",
        d.numbers.map((x) => ({ ...x, enough: x.mean !== null && !x.fewAnswers })),
      ),
    ),
  );

  // 3. Agencies (or the agency's counters) ranked, with Δ and rank change.
  const counters = d.ranking.kind === "counter";
  const rankCaption = counters ? t("report.doc.s2RankingCounters") : t("report.doc.s2Ranking");
  out.push({ kind: "heading", level: 2, text: rankCaption });
  out.push({
    kind: "table",
    table: {
      caption: rankCaption,
      head: [
        t("report.doc.rank"),
        counters ? t("report.doc.counter") : t("report.doc.unit"),
        t("report.doc.responses"),
        t("report.doc.index"),
        t("report.doc.delta"),
        t("report.doc.rankChange"),
      ],
      align: ["center", "left", "right", "right", "right", "right"],
      rows: d.ranking.rows.map((r) => [
        r.rank === null ? t("report.doc.none") : String(r.rank),
        r.label,
        formatCount(r.responses),
        indexCell(r),
        deltaCell(r),
        rankChange(r.rankChange),
      ]),
    },
  });
  const ranked = d.ranking.rows.filter((r) => r.rank !== null);
  if (ranked.length)
    out.push({
      kind: "bars",
      caption: rankCaption,
      target: h.target?.pct ?? null,
      bars: ranked.map((r) => ({ label: `${r.rank}. ${r.label}`, value: r.index, low: r.ciLow, high: r.ciHigh })),
    });

  // 4. Fields against their targets.
  out.push({ kind: "heading", level: 2, text: t("report.doc.s2Fields") });
  out.push({
    kind: "table",
    table: {
      caption: t("report.doc.s2Fields"),
      head: [
        t("report.doc.field"),
        t("report.doc.responses"),
        t("report.doc.index"),
        t("report.doc.target"),
        t("report.doc.status"),
        t("report.doc.delta"),
      ],
      align: ["left", "right", "right", "right", "left", "right"],
      rows: d.fields.map((r) => [r.label, formatCount(r.responses), indexCell(r), formatTarget(r.target), statusText(r.status), deltaCell(r)]),
    },
  });

  // 5. Lowest criteria.
  out.push({ kind: "heading", level: 2, text: t("report.doc.s2Lowest") });
  out.push({
    kind: "table",
    table: {
      caption: t("report.doc.s2Lowest"),
      head: [t("report.doc.criterion"), t("report.doc.rate"), t("report.doc.interval"), t("report.doc.n")],
      align: ["left", "right", "right", "right"],
      rows: d.lowest.map((c) => [c.label, formatRate(c.rate), formatInterval(c.ciLow, c.ciHigh), formatCount(c.n)]),
    },
  });

  // 6. Expectations (SIPAS).
  if (d.expectations) {
    out.push({ kind: "heading", level: 2, text: t("report.doc.s2Expectations") });
    out.push({ kind: "paragraph", text: t("report.doc.expectationsBody", { respondents: formatCount(d.expectations.respondents) }) });
    out.push({
      kind: "table",
      table: {
        caption: t("report.doc.s2Expectations"),
        head: [t("report.doc.rank"), t("report.doc.expectation"), t("report.doc.chosen"), t("report.doc.share")],
        align: ["center", "left", "right", "right"],
        rows: d.expectations.rows.map((r) => [r.rank ? String(r.rank) : t("report.doc.none"), r.label, formatCount(r.count), formatRate(r.share)]),
      },
    });
  }

  // 7. Profiles (SIPAS): every profile question.
  if (m.profiles.length) {
    out.push({ kind: "heading", level: 2, text: t("report.doc.s2Profiles") });
    for (const p of m.profiles) {
      out.push({
        kind: "table",
        table: {
          caption: p.label,
          head: [t("report.doc.group"), t("report.doc.responses"), t("report.doc.index")],
          align: ["left", "right", "right"],
          rows: p.rows.map((r) => [r.label, formatCount(r.responses), indexCell(r)]),
        },
      });
    }
  }
  return out;
}

function toCorrect(m: ReportModel): Block[] {
  const rows = m.data.toCorrect;
  const kind = { agency: t("report.doc.kindAgency"), field: t("report.doc.kindField"), counter: t("report.doc.kindCounter") };
  const out: Block[] = [{ kind: "heading", level: 1, text: t("report.doc.s3") }];
  if (rows.length === 0) return [...out, { kind: "paragraph", text: t("report.doc.s3None") }];
  out.push({ kind: "paragraph", text: t("report.doc.s3Body") });
  out.push({
    kind: "table",
    table: {
      caption: t("report.doc.s3"),
      head: [t("report.doc.unit"), t("report.doc.index"), t("report.doc.target"), t("report.doc.reason")],
      align: ["left", "right", "right", "left"],
      rows: rows.map((r) => [
        `${kind[r.kind]}: ${r.label}`,
        formatRate(r.index),
        formatTarget(r.target),
        [r.belowTarget ? t("report.doc.belowTarget") : null, r.delta !== null ? changeWords(t, r.delta) : null].filter(Boolean).join("; "),
      ]),
    },
  });
  return out;
}

function recommendations(m: ReportModel): Block[] {
  const paragraphs = m.draft.recommendations
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return [
    { kind: "heading", level: 1, text: t("report.doc.s4") },
    ...(paragraphs.length ? paragraphs : [t("report.doc.s4Empty")]).map((text): Block => ({ kind: "paragraph", text })),
    { kind: "paragraph", text: t("report.doc.generated", { day: formatDay(m.today) }) },
  ];
}
