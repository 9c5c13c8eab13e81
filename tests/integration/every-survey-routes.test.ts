/**
 * The staff routes take any registered survey (issue 18: the registry decides, not a list in the code): for every
 * file of surveys/, the dashboard, the agency page, the comments screen, the report screen and its files (print
 * page, .docx, .xlsx) and the publishing preview answer 200 with the survey's title; a survey id that is not
 * registered is a clear Vietnamese answer (the default survey, or 404 for a report), never a 5xx.
 */
import { afterEach, describe, expect, it } from "vitest";

import { loader as agencyLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as reportLoader } from "../../app/routes/quan-tri.bao-cao";
import { loader as publishLoader } from "../../app/routes/quan-tri.cong-bo";
import { loader as commentsLoader } from "../../app/routes/quan-tri.gop-y._index";
import { loader as dashboardLoader } from "../../app/routes/quan-tri._index";
import { loader as fileLoader } from "../../app/routes/quan-tri_.bao-cao.$file";
import { provideServices } from "../../app/services.server";
import { settle } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, get, staff } from "../support/staff";
import { realDefinitions } from "../support/surveys";

const SECRET = "y".repeat(40);
afterEach(() => provideServices(undefined));

describe("every registered survey through the staff routes", () => {
  it("dashboard, agency page, comments, report screen and files, publishing preview: 200, by title", async () => {
    const s = providedDemoServices(SECRET);
    const admin = staff(s.db, SECRET, "admin");
    for (const def of realDefinitions()) {
      const q = `survey=${def.id}&period=2026-Q3`;
      const dashboard = await settle(() => dashboardLoader(args(get(`/quan-tri?${q}`, admin))));
      expect(dashboard.kind === "data" && dashboard.data.data, def.id).toMatchObject({ survey: def.id, surveyTitle: def.title.vi, invalid: [] });
      const agency = await settle(() => agencyLoader(args(get(`/quan-tri/co-quan/SO_YT?${q}`, admin), { code: "SO_YT" })));
      expect(agency.status, def.id).toBe(200);
      expect((await settle(() => commentsLoader(args(get(`/quan-tri/gop-y?${q}`, admin))))).status, def.id).toBe(200);
      const screen = await settle(() => reportLoader(args(get(`/quan-tri/bao-cao?${q}&scope=province`, admin))));
      expect(screen.kind === "data" && (screen.data.choices as { surveys: { value: string; label: string }[] }).surveys, def.id).toContainEqual({
        value: def.id,
        label: def.title.vi,
      });
      for (const file of ["in", "bao-cao.docx", "so-lieu.xlsx"]) {
        const out = await settle(() => fileLoader(args(get(`/quan-tri/bao-cao/${file}?${q}&scope=province`, admin), { file })));
        expect(out.status, `${def.id} ${file}`).toBe(200);
      }
      const preview = await settle(() => publishLoader(args(get(`/quan-tri/cong-bo?${q}`, admin))));
      expect(preview.kind === "data" && preview.data.preview, def.id).toMatchObject({ survey: def.id, names: { survey: { vi: def.title.vi } } });
    }
  }, 120_000);

  it("an id that is not registered: the dashboard names the parameter and shows the default survey; a report is 404 in Vietnamese", async () => {
    const s = providedDemoServices(SECRET);
    const admin = staff(s.db, SECRET, "admin");
    const dashboard = await settle(() => dashboardLoader(args(get("/quan-tri?survey=khong-co", admin))));
    expect(dashboard.kind === "data" && dashboard.data.data).toMatchObject({ survey: [...s.surveys.keys()][0], invalid: ["survey"] });
    const file = await settle(() => fileLoader(args(get("/quan-tri/bao-cao/bao-cao.docx?survey=khong-co", admin), { file: "bao-cao.docx" })));
    expect(file.status).toBe(404);
    expect(file.kind === "response" && (await file.response.text())).toContain("Không có khảo sát này");
    const comments = await settle(() => commentsLoader(args(get("/quan-tri/gop-y?survey=khong-co", admin))));
    expect(comments.status).toBe(200);
    const preview = await settle(() => publishLoader(args(get("/quan-tri/cong-bo?survey=khong-co&period=2026-Q3", admin))));
    expect(preview.kind === "data" && preview.data.error).toBe("Khảo sát không có trong hệ thống.");
  });
});
