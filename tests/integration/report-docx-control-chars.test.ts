/**
 * Staff text pasted into a report draft can carry control characters (a Word line break is U+000B, a
 * stray U+0001 comes with text copied from other programs). XML 1.0 forbids them, so a .docx that keeps
 * them is a file Word refuses to open. The report's .docx drops them and keeps the rest of the text.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";

import { reportDocument } from "../../app/report/blocks";
import { renderReportDocx } from "../../app/report/docx.server";
import { saveDraft } from "../../app/report/drafts.server";
import { buildReport } from "../../app/report/model.server";
import { demoServices } from "../support/services";

/** Characters XML 1.0 does not allow (tab, line feed and carriage return are allowed). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe("the report .docx with control characters in staff text", () => {
  it("is well-formed XML and keeps the visible text", async () => {
    const s = demoServices();
    const key = { survey: "sipas", period: "2026-Q3", scope: "province" };
    saveDraft(
      s.db,
      key,
      {
        number: "12\u0001/BC",
        recommendations: "Rút ngắn\u000Bthời gian\u0007 xử lý hồ sơ tại quầy.",
        recipients: "UBND tỉnh\u000C",
        signerTitle: "Giám đốc",
        signerName: "Nguyễn\u0008 Văn Ánh",
      },
      null,
    );
    const doc = reportDocument(buildReport(s.db, s.surveys, { key, today: "2026-11-22", province: "Điện Biên" }));
    const zip = await JSZip.loadAsync(await renderReportDocx(doc));
    for (const name of ["word/document.xml", "docProps/core.xml"]) {
      const xml = await zip.file(name)!.async("string");
      expect(NOT_XML.test(xml), name).toBe(false);
    }
    const body = await zip.file("word/document.xml")!.async("string");
    for (const text of ["Rút ngắn thời gian xử lý hồ sơ tại quầy.", "Nguyễn Văn Ánh", "12/BC", "UBND tỉnh"]) expect(body).toContain(text);
  });
});
