/**
 * The report's stylesheet, inlined in the page (the same text goes to Chromium for the PDF: no request to
 * anyone). A4 with the margins of Nghị định 30/2020/NĐ-CP (top/bottom 20 mm, left 30 mm, right 15 mm),
 * Times New Roman 13 pt where the reader has it. Debian's Chromium has no Vietnamese Times (Liberation
 * Serif 1.07 lacks ộ, ư…): the server's PDF puts DejaVu Serif (fonts-dejavu-core) first instead.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
:root { --font: "Times New Roman", Tinos, "DejaVu Serif", serif; }
body.pdf { --font: "DejaVu Serif", serif; font-size: 12pt; }
body.pdf .head .nation { font-size: 11pt; }
html { background: #e8e8e8; }
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
.head .number { font-size: 13pt; margin-top: 4pt; }
.head .date { font-style: italic; margin-top: 6pt; }
h1.kind { text-align: center; font-size: 14pt; margin: 12pt 0 0; }
.title { text-align: center; font-weight: bold; margin: 0 0 14pt; }
.title p { margin: 0; }
.title .subtitle { font-weight: normal; font-style: italic; font-size: 12pt; margin-top: 4pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
h3 { font-size: 13pt; font-weight: bold; font-style: italic; margin: 8pt 0 4pt; break-after: avoid; }
p.text { text-align: justify; text-indent: 1cm; margin: 0 0 6pt; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 2pt 0 8pt; }
table.data caption { caption-side: top; text-align: left; font-style: italic; font-size: 11pt; padding-bottom: 2pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.data tr { break-inside: avoid; }
.r { text-align: right; white-space: nowrap; }
.c { text-align: center; }
figure.bars { margin: 2pt 0 10pt; break-inside: avoid; }
figure.bars svg { width: 100%; height: auto; }
figure.bars figcaption { font-size: 10pt; font-style: italic; }
.sign { width: 100%; border-collapse: collapse; margin-top: 16pt; break-inside: avoid; }
.sign td { vertical-align: top; border: none; padding: 0; }
.sign .to { width: 50%; font-size: 11pt; }
.sign .to p { margin: 0; }
.sign .to .label { font-weight: bold; font-style: italic; font-size: 12pt; }
.sign .who { text-align: center; }
.sign .who .signer { margin: 0; }
.sign .who .name { font-weight: bold; margin-top: 60pt; }
`;
