/** `import-responses`: importResponses() line by line on a real file, and the real CLI once. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { importResponses, type Rejection } from "../../app/responses/import.server";
import { ratingBody, sipasBody, uuid } from "../support/bodies";
import { demoServices, storedAnswers, storedCounts, storedResponses, type TestServices } from "../support/services";
import { tmpDir, writeFile } from "../support/surveys";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function run({ db, surveys }: TestServices, lines: Iterable<string> | AsyncIterable<string>) {
  const rejections: Rejection[] = [];
  const summary = await importResponses(db, surveys, lines, { source: "import:test.jsonl", onRejected: (r) => rejections.push(r) });
  return { summary, rejections };
}

const valid = JSON.stringify(sipasBody());
const conflicting = JSON.stringify(sipasBody({ answers: { ...sipasBody().answers, HL_TC: 2 } }));
const unknownSurvey = JSON.stringify(ratingBody({ id: uuid(3), survey: "khong-co" }));

/** valid · the same again · conflicting · invalid JSON · unknown survey · blank · a row with two bad answers. */
const LINES = [valid, valid, conflicting, '{"id": "0193f0c2-7d1e-7c3a-9b1e-000000000004", "survey":', unknownSurvey, "   ", ""];

describe("importResponses", () => {
  it("counts created, duplicates and rejected rows, with each rejection's line and Vietnamese reasons", async () => {
    const s = demoServices();
    const { summary, rejections } = await run(s, LINES);
    expect(summary).toEqual({ created: 1, duplicates: 1, rejected: 3 });
    expect(rejections).toEqual([
      { line: 3, id: uuid(2), reasons: [`Phiếu «${uuid(2)}» đã được ghi nhận với nội dung khác; giữ bản đầu tiên.`] },
      { line: 4, reasons: ["Nội dung gửi lên không phải một phiếu trả lời hợp lệ."] },
      { line: 5, id: uuid(3), reasons: ["Không có phiếu khảo sát «khong-co»."] },
    ]);

    const rows = storedResponses(s.db);
    expect(rows.map((r) => [r.uuid, r.surveyId, r.channel])).toEqual([[uuid(2), "sipas", "surveyor"]]);
    // The first version is the one kept; the conflicting line is recorded for a supervisor, not counted.
    expect(storedAnswers(s.db, rows[0]!.id)).toContainEqual({ question: "HL_TC", code: 4, text: null });
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 9, conflicts: 1 });
    const conflict = s.db.$client.prepare("select source, payload from response_conflicts").get() as { source: string; payload: string };
    expect(conflict.source).toBe("import:test.jsonl");
    // Kept as validated content: the refused answers are there, normalised.
    expect(JSON.parse(conflict.payload)).toMatchObject({ id: uuid(2), answers: { ...JSON.parse(conflicting).answers, MONG_DOI: [1, 3] } });
  });

  it("names every problem of a refused row and stores nothing of it", async () => {
    const s = demoServices();
    const lines = [
      JSON.stringify(sipasBody({ id: uuid(10), answers: { HL_TC: 7, MONG_DOI: [1, 2, 3, 4], XYZ: 1, PA1: 4 } })),
      JSON.stringify(ratingBody({ id: uuid(11), agency: "ABC", field: "KHONG_CO", counter: undefined })),
      JSON.stringify(ratingBody({ id: uuid(12), agency: "SO_TP" })),
      JSON.stringify(ratingBody({ id: uuid(13), channel: "fax", submittedAt: "14/08/2026" })),
      JSON.stringify(ratingBody({ id: uuid(14) })),
    ];
    const { summary, rejections } = await run(s, lines);
    expect(summary).toEqual({ created: 1, duplicates: 0, rejected: 4 });
    expect(rejections).toEqual([
      {
        line: 1,
        id: uuid(10),
        reasons: [
          "Câu hỏi «XYZ» không có trong phiếu.",
          "Câu hỏi «HL_TC»: mã 7 không hợp lệ, chỉ nhận 1, 2, 3, 4, 5, 9.",
          "Câu hỏi «PA1» chỉ được trả lời khi «PA0» có câu trả lời phù hợp.",
          "Câu hỏi «MONG_DOI»: chọn tối đa 3, nhận được 4.",
        ],
      },
      { line: 2, id: uuid(11), reasons: ["Không có cơ quan «ABC».", "Không có lĩnh vực «KHONG_CO»."] },
      { line: 3, id: uuid(12), reasons: ["Quầy «TTHCC-Q01» không thuộc cơ quan «SO_TP»."] },
      {
        line: 4,
        id: uuid(13),
        reasons: [
          "Kênh «channel» phải là một trong: qr, kiosk, surveyor, paper, phone, web.",
          "Thời điểm «submittedAt» phải theo dạng ISO 8601 có múi giờ, ví dụ 2026-08-14T09:12:00+07:00.",
        ],
      },
    ]);
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([uuid(14)]);
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 4, conflicts: 0 });
  });

  it("stores nothing new when the same file is imported again", async () => {
    const s = demoServices();
    await run(s, LINES);
    const before = storedResponses(s.db);
    const { summary } = await run(s, LINES);
    expect(summary).toEqual({ created: 0, duplicates: 2, rejected: 3 });
    expect(storedResponses(s.db)).toEqual(before);
    expect(storedCounts(s.db)).toMatchObject({ responses: 1, answers: 9 });
  });

  it("reads lines from an async source and commits more than one batch", async () => {
    const s = demoServices();
    async function* lines() {
      for (let i = 0; i < 1201; i++) yield JSON.stringify(ratingBody({ id: uuid(5000 + i), answers: { TONG_THE: 1 + (i % 3) } }));
      yield JSON.stringify(ratingBody({ id: uuid(5000) }));
    }
    const { summary, rejections } = await run(s, lines());
    expect(summary).toEqual({ created: 1201, duplicates: 0, rejected: 1 });
    expect(rejections).toMatchObject([{ line: 1202, id: uuid(5000) }]);
    expect(storedCounts(s.db)).toEqual({ responses: 1201, answers: 1201, conflicts: 1 });
  });
});

describe("edge cases found in review", () => {
  it("one line whose instant SQLite refuses is rejected; the other lines of the batch are kept", async () => {
    // Today ingestResponse throws (responses_day_check), the whole batch transaction rolls back and importResponses rejects.
    const s = demoServices();
    const lines = [
      JSON.stringify(ratingBody({ id: uuid(1) })),
      JSON.stringify(ratingBody({ id: uuid(2), submittedAt: "9999-12-31T23:59:59-23:59" })),
    ];
    const { summary } = await run(s, lines);
    expect(summary).toEqual({ created: 1, duplicates: 0, rejected: 1 });
  });
});

describe("npm run sipas -- import-responses", () => {
  function cli(args: string[], databasePath: string) {
    // `node --import tsx` is what the tsx binary runs, without its extra wrapper process.
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/sipas.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databasePath },
      encoding: "utf8",
      timeout: 20_000,
    });
    return { status: result.status, stdout: result.stdout.trim().split("\n"), stderr: result.stderr };
  }

  it("prints one line per rejected row and the JSON summary last; exits 1 when a row was rejected, 0 otherwise", () => {
    // A migrated copy with the demo directory, as testDatabase() gives; the CLI opens the same file.
    const s = demoServices();
    const dbFile = s.db.$client.name;
    const dir = tmpDir("sipas-cli-");

    const first = cli(["import-responses", writeFile(dir, "lan-1.jsonl", `${LINES.join("\n")}\n`)], dbFile);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(1);
    expect(first.stdout.map((l) => JSON.parse(l) as unknown)).toEqual([
      { line: 3, id: uuid(2), rejected: [`Phiếu «${uuid(2)}» đã được ghi nhận với nội dung khác; giữ bản đầu tiên.`] },
      { line: 4, id: null, rejected: ["Nội dung gửi lên không phải một phiếu trả lời hợp lệ."] },
      { line: 5, id: uuid(3), rejected: ["Không có phiếu khảo sát «khong-co»."] },
      { created: 1, duplicates: 1, rejected: 3 },
    ]);
    expect(first.stdout.at(-1)).toBe('{"created":1,"duplicates":1,"rejected":3}');
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([uuid(2)]);

    // CRLF line endings, a replay and a new row: nothing rejected.
    const second = cli(
      ["import-responses", writeFile(dir, "lan-2.jsonl", [valid, JSON.stringify(ratingBody({ id: uuid(20) }))].join("\r\n"))],
      dbFile,
    );
    expect(second.stderr).toBe("");
    expect(second.stdout).toEqual(['{"created":1,"duplicates":1,"rejected":0}']);
    expect(second.status).toBe(0);
    expect(storedResponses(s.db).map((r) => [r.uuid, r.channel])).toEqual([
      [uuid(2), "surveyor"],
      [uuid(20), "kiosk"],
    ]);
  }, 30_000);
});
