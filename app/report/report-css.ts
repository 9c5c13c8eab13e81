/**
 * The report's stylesheet, inlined in the page (the same text goes to Chromium for the PDF: no request to
 * anyone). The presentation of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins top/bottom 20 mm, left 30 mm,
 * right 15 mm; a Times serif, body 13 pt, the kind of document and its title 14 pt, the header block 12–13 pt,
 * «Nơi nhận» 12/11 pt; the page number in Arabic digits, 13 pt, centred in the top margin, none on page 1.
 * Readers print it in Times New Roman where they have it. Debian's Chromium has no Vietnamese Times (Liberation
 * Serif 1.07 lacks ộ, ư…): the server's PDF adds REPORT_PDF_CSS, which puts Tinos first.
 */

/**
 * The server's serif: Tinos (Debian's fonts-croscore) has the metrics of Times New Roman and every Vietnamese
 * letter; DejaVu Serif (pulled in with chromium) keeps the letters whole where Tinos is missing.
 */
export const SERVER_SERIF = `Tinos, "DejaVu Serif", serif`;

export const REPORT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: "Times New Roman", Tinos, serif; font-size: 13pt; } }
@page :first { @top-center { content: none; } }
:root { --font: "Times New Roman", Tinos, "DejaVu Serif", serif; }
html { background: #e8e8e8; }
/* 1.35 keeps the stacked accents of Ễ, Ố… (up to 0.92 em above the baseline; Tinos' ascent is 0.89 em) inside
   the line box: Chromium paints what overflows above a page's first line at the foot of the page before. */
body { font-family: var(--font); font-size: 13pt; line-height: 1.35; color: #000; margin: 0; }
.sheet { background: #fff; max-width: 165mm; margin: 0 auto; padding: 20mm 15mm 20mm 30mm; box-sizing: content-box; }
@media screen and (max-width: 700px) { .sheet { padding: 12px; } body { font-size: 12pt; } }
@media print { html { background: none; } .sheet { padding: 0; max-width: none; } .toolbar { display: none; } }
.toolbar { max-width: 165mm; margin: 0 auto; padding: 8px 0; font-family: system-ui, sans-serif; font-size: 14px; }
.head { width: 100%; border-collapse: collapse; margin-bottom: 12pt; }
.head td { vertical-align: top; text-align: center; padding: 0; border: none; }
.head .left { width: 38%; }
.head .nation { white-space: nowrap; }
.head p { margin: 0; }
.head .parent { font-size: 12pt; }
.head .body, .head .nation { font-weight: bold; font-size: 12pt; }
.head .motto { font-weight: bold; font-size: 13pt; }
.head .rule { display: block; width: 40%; margin: 2pt auto 4pt; border-top: 1px solid #000; }
.head .motto + .rule { width: 65%; }
/* "Số:        /BC-SNV": the blank is kept for the number written in by hand. */
.head .number { font-size: 13pt; margin-top: 4pt; white-space: pre-wrap; }
.head .date { font-style: italic; margin-top: 6pt; }
h1.kind { text-align: center; font-size: 14pt; margin: 12pt 0 0; }
.title { text-align: center; font-weight: bold; font-size: 14pt; margin: 0 0 14pt; }
.title p { margin: 0; }
.title .subtitle { font-weight: normal; font-style: italic; font-size: 12pt; margin-top: 4pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
h3 { font-size: 13pt; font-weight: bold; font-style: italic; margin: 8pt 0 4pt; break-after: avoid; }
p.text { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 2pt 0 8pt; }
/* A caption and a head row are never left at the foot of a page without the table's first row. */
table.data caption { caption-side: top; text-align: left; font-style: italic; font-size: 12pt; padding-bottom: 2pt; break-after: avoid; }
table.data thead { break-after: avoid; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.data tr { break-inside: avoid; }
.r { text-align: right; white-space: nowrap; }
.c { text-align: center; }
figure.bars { margin: 2pt 0 10pt; break-inside: avoid; }
figure.bars svg { width: 100%; height: auto; }
figure.bars figcaption { font-size: 12pt; font-style: italic; }
.sign { width: 100%; border-collapse: collapse; margin-top: 16pt; break-inside: avoid; }
.sign td { vertical-align: top; border: none; padding: 0; }
.sign .to { width: 50%; font-size: 11pt; }
.sign .to p { margin: 0; }
.sign .to .label { font-weight: bold; font-style: italic; font-size: 12pt; }
.sign .who { text-align: center; }
.sign .who .signer { margin: 0; }
.sign .who .name { font-weight: bold; margin-top: 60pt; }
`;

/** What the server's PDF adds: its own fonts (SERVER_SERIF), in the text and in the page number. */
export const REPORT_PDF_CSS = `
:root { --font: ${SERVER_SERIF}; }
@page { @top-center { font-family: ${SERVER_SERIF}; } }
`;
