/** `sipas results` and `sipas rebuild-rollups` as a user runs them: a real process on a real file. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { getResults } from "../../app/results/results.server";
import { province, submit } from "../support/results-fixture";

const ROOT = path.resolve(import.meta.dirname, "../..");

function cli(args: string[], databasePath: string) {
  // `node --import tsx` is what the tsx binary runs, without its extra wrapper process.
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function withResponses() {
  const p = province();
  for (const [agency, HL_TC] of [
    ["A1", 5],
    ["A1", 2],
    ["X1", 4],
  ] as const) {
    submit(p, { agency, field: "HO_TICH", answers: { HL_TC, HL_TT: 4, MONG_DOI: [1, 2] } });
  }
  return p;
}

describe("sipas results", () => {
  it("prints the JSON of docs/contracts.md §Results on one line, the same as getResults", () => {
    const p = withResponses();
    const args = ["--survey", "sipas", "--from", "2026-07-01", "--to", "2026-09-30", "--by", "agency"];
    const run = cli(["results", ...args, "--json"], p.db.$client.name);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["survey", "from", "to", "by", "overall", "groups"]);
    expect(json).toMatchObject({
      survey: "sipas",
      from: "2026-07-01",
      to: "2026-09-30",
      by: "agency",
      overall: { responses: 3, index: 83.33, elements: { TC: { rate: 66.67, n: 3 }, TT: { rate: 100, n: 3 } } },
      groups: [
        {
          key: "A1",
          label: "Trung tâm Phục vụ hành chính công tỉnh",
          responses: 2,
          index: 75,
          target: { op: ">", pct: 95, met: null },
          fewAnswers: true,
        },
        { key: "X1", label: "Xã Một", responses: 1, index: 100 },
      ],
    });
    expect(json).toEqual(getResults(p.db, p.surveys, { survey: "sipas", from: "2026-07-01", to: "2026-09-30", by: "agency" }));
  }, 30_000);

  it("refuses a bad breakdown or date with a Vietnamese message and exit code 2", () => {
    const file = withResponses().db.$client.name;
    const badBy = cli(["results", "--survey", "sipas", "--by", "tinh-thanh", "--json"], file);
    expect(badBy.status).toBe(2);
    expect(badBy.stdout).toBe("");
    expect(badBy.stderr).toMatch(/^Lỗi: Không có cách phân tổ «tinh-thanh»: chọn một trong none, agency, sector/);
    const badDate = cli(["results", "--survey", "sipas", "--from", "2026-02-30", "--json"], file);
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toBe("Lỗi: Ngày bắt đầu «2026-02-30» không hợp lệ: cần một ngày có thật, viết dạng YYYY-MM-DD (ví dụ 2026-07-01).\n");
    const noSurvey = cli(["results", "--json"], file);
    expect(noSurvey.status).toBe(2);
    expect(noSurvey.stderr).toMatch(/^Lỗi: thiếu --survey/);
  }, 30_000);
});

describe("sipas rebuild-rollups", () => {
  it("recounts every reportable response and leaves the figures as they were", () => {
    const p = withResponses();
    const before = getResults(p.db, p.surveys, { survey: "sipas", from: "2026-08-01", to: "2026-08-31", by: "field" });
    const run = cli(["rebuild-rollups"], p.db.$client.name);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ responses: 3 });
    expect(getResults(p.db, p.surveys, { survey: "sipas", from: "2026-08-01", to: "2026-08-31", by: "field" })).toEqual(before);
  }, 30_000);
});
