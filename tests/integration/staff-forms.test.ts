/**
 * The staff forms' actions parse with one zod schema per form (issue 17, point 4; docs/decisions/0019): a
 * refused form answers 400 with each error under its field's name — what the page shows beside the field —
 * and without the values posted; an accepted one stores what the schema normalised.
 */
import { afterEach, describe, expect, it } from "vitest";

import { getDraft } from "../../app/report/drafts.server";
import { defaultPeriod } from "../../app/report/params.server";
import { action as reportAction } from "../../app/routes/quan-tri.bao-cao";
import { provideServices } from "../../app/services.server";
import { settle, type Outcome } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, post, staff } from "../support/staff";

const SECRET = "y".repeat(40);
afterEach(() => provideServices(undefined));

function setup() {
  const s = providedDemoServices(SECRET);
  return { ...s, admin: staff(s.db, SECRET, "admin") };
}

function dataOf(outcome: Outcome, status: number): Record<string, unknown> {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("data");
  expect(outcome.status).toBe(status);
  return outcome.kind === "data" ? outcome.data : {};
}

describe("the report's draft (quan-tri.bao-cao)", () => {
  const key = () => ({ survey: "danh-gia-ho-so", period: defaultPeriod(), scope: "province" });

  it("refuses a part over its limit under that part's name, storing nothing", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "x".repeat(61), recommendations: "Đề nghị", signerName: "y".repeat(121) };
    const refused = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 400);
    expect(refused).toMatchObject({ ok: false, form: "rp", reply: { status: "error", error: { number: ["report.tooLong"], signerName: ["report.tooLong"] } } });
    expect(JSON.stringify(refused)).not.toContain("Đề nghị");
    expect(getDraft(db, key()).recommendations).toBe("");
  });

  it("stores the parts trimmed, with the browser's line ends made \\n, empty parts empty", async () => {
    const { db, admin } = setup();
    const fields = { ...key(), number: "  88/BC-SNV ", recommendations: "Một\r\nHai\r\n", recipients: "" };
    const saved = dataOf(await settle(() => reportAction(args(post("/quan-tri/bao-cao", fields, admin, SECRET)))), 200);
    expect(saved).toEqual({ ok: true, message: "Đã lưu phần do cơ quan soạn." });
    expect(getDraft(db, key())).toMatchObject({ number: "88/BC-SNV", recommendations: "Một\nHai", recipients: "", signerTitle: "", signerName: "" });
  });
});
