/**
 * The print-ready A4 page of the report: one static HTML document (no JavaScript, charts as SVG drawn on
 * the server), served at /quan-tri/bao-cao/… and handed as is to Chromium for the PDF. React only renders
 * the markup, so every text is escaped (names typed by staff stay inert).
 */
import { renderToStaticMarkup } from "react-dom/server";

import { fixedT } from "../i18n/i18n";
import { BarsSvg } from "./bars";
import type { Bar, Block, ReportDocument, Table } from "./blocks";
import { REPORT_CSS, REPORT_PDF_CSS } from "./report-css";

const t = fixedT("vi");

export function renderReportHtml(doc: ReportDocument, options: { pdf?: boolean; toolbar?: { backHref: string; backLabel: string } } = {}): string {
  // The stylesheet is a constant of ours, not data: it goes in as is (React would escape its quotes).
  const head = renderToStaticMarkup(
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${doc.kind} ${doc.title.join(" ")}`}</title>
    </>,
  );
  const body = renderToStaticMarkup(
    <body>
      {options.toolbar ? (
        <nav className="toolbar">
          <a href={options.toolbar.backHref}>← {options.toolbar.backLabel}</a>
        </nav>
      ) : null}
      <main className="sheet">
        <Header doc={doc} />
        <h1 className="kind">{doc.kind}</h1>
        <div className="title">
          {doc.title.map((line) => (
            <p key={line}>{line}</p>
          ))}
          <p className="subtitle">{doc.subtitle}</p>
        </div>
        {doc.blocks.map((b, i) => (
          <BlockView key={i} block={b} />
        ))}
        <Signature doc={doc} />
      </main>
    </body>,
  );
  return `<!DOCTYPE html><html lang="vi"><head>${head}<style>${REPORT_CSS}${options.pdf ? REPORT_PDF_CSS : ""}</style></head>${body}</html>`;
}

function Header({ doc }: { doc: ReportDocument }) {
  const h = doc.header;
  return (
    <table className="head" role="presentation">
      <tbody>
        <tr>
          <td className="left">
            <p className="parent">{h.parent}</p>
            <p className="body">{h.body}</p>
            <span className="rule" />
            <p className="number">{h.number}</p>
          </td>
          <td>
            <p className="nation">{h.nation}</p>
            <p className="motto">{h.motto}</p>
            <span className="rule" />
            <p className="date">{h.placeDate}</p>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading":
      return block.level === 1 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
    case "paragraph":
      return <p className="text">{block.text}</p>;
    case "table":
      return <DataTable table={block.table} />;
    case "bars":
      return <Bars caption={block.caption} bars={block.bars} target={block.target} />;
  }
}

function DataTable({ table }: { table: Table }) {
  const cls = (i: number) => (table.align[i] === "right" ? "r" : table.align[i] === "center" ? "c" : undefined);
  return (
    <table className="data">
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) => (
              <td key={i} className={cls(i)}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Bars({ caption, bars, target }: { caption: string; bars: Bar[]; target: number | null }) {
  return (
    <figure className="bars">
      <BarsSvg bars={bars} target={target} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function Signature({ doc }: { doc: ReportDocument }) {
  return (
    <table className="sign" role="presentation">
      <tbody>
        <tr>
          <td className="to">
            <p className="label">{t("report.doc.recipients")}</p>
            {doc.recipients.map((r, i) => (
              <p key={i}>{r}</p>
            ))}
          </td>
          <td className="who">
            <p className="signer">
              <b>{doc.signer.title}</b>
            </p>
            <p className="name">{doc.signer.name}</p>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
