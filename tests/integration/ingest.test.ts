/** ingestResponse on a real SQLite file: stored once, duplicates, conflicts, refusals that store nothing, processes racing. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { ingestResponse, type IngestResult } from "../../app/responses/ingest.server";
import { ratingBody, sipasBody, uuid } from "../support/bodies";
import { demoServices, storedAnswers, storedCounts, storedResponses, type TestServices } from "../support/services";
import { tmpDir, writeFile } from "../support/surveys";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = Date.UTC(2027, 0, 14, 3, 0, 0);

function ingest({ db, surveys }: TestServices, body: unknown, source = "test"): IngestResult {
  return ingestResponse(db, surveys, body, { source, now: () => NOW });
}

function conflicts({ db }: TestServices) {
  return db.$client
    .prepare("select uuid, received_at as receivedAt, content_hash as contentHash, payload, source from response_conflicts order by id")
    .all() as { uuid: string; receivedAt: number; contentHash: string; payload: string; source: string }[];
}

/** Everything a submission can change, to compare before and after. */
function snapshot({ db }: TestServices) {
  const responses = storedResponses(db);
  return { responses, answers: responses.map((r) => storedAnswers(db, r.id)), counts: storedCounts(db) };
}

describe("ingestResponse: created", () => {
  it("stores one response row and its long-format answers (one row per multi option, text in `text`)", () => {
    const s = demoServices();
    const result = ingest(s, sipasBody());
    expect(result).toEqual({ status: "created", id: uuid(2), responseId: expect.any(Number) });

    const [row, ...others] = storedResponses(s.db);
    expect(others).toEqual([]);
    expect(row).toEqual({
      id: result.status === "created" ? result.responseId : -1,
      uuid: uuid(2),
      surveyId: "sipas",
      surveyVersionId: s.surveys.get("sipas")!.versionId,
      agency: "TTHCC",
      field: "DAT_DAI",
      counter: "TTHCC-Q01",
      channel: "surveyor",
      locale: "vi",
      submittedAt: Date.parse("2026-08-14T09:12:00+07:00"),
      dayVn: "2026-08-14",
      status: "accepted",
    });
    expect(storedAnswers(s.db, row!.id)).toEqual([
      { question: "GIOI_TINH", code: 2, text: null },
      { question: "HL_CHUNG", code: 4, text: null },
      { question: "HL_PA", code: 9, text: null },
      { question: "HL_TC", code: 4, text: null },
      { question: "MONG_DOI", code: 1, text: null },
      { question: "MONG_DOI", code: 3, text: null },
      { question: "PA0", code: 1, text: null },
      { question: "PA1", code: 5, text: null },
      { question: "Y_KIEN", code: null, text: "Cán bộ nhiệt tình" },
    ]);
    expect(s.db.$client.prepare("select received_at as r from responses").get()).toEqual({ r: NOW });
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 9, conflicts: 0 });
  });

  it("stores blanks as missing: no answer row for an absent, null or empty answer", () => {
    const s = demoServices();
    const result = ingest(s, ratingBody({ answers: { TONG_THE: 2, THUAN_TIEN: null, DUNG_HAN: "" } }));
    expect(result.status).toBe("created");
    expect(storedAnswers(s.db, storedResponses(s.db)[0]!.id)).toEqual([{ question: "TONG_THE", code: 2, text: null }]);
  });

  it("accepts a response without field, counter or any answer (a blank paper form)", () => {
    const s = demoServices();
    const { field: _f, counter: _c, ...body } = sipasBody({ answers: {}, channel: "paper" });
    expect(ingest(s, body).status).toBe("created");
    expect(storedResponses(s.db)[0]).toMatchObject({ agency: "TTHCC", field: null, counter: null, channel: "paper" });
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 0, conflicts: 0 });
  });

  it("files the response under its Vietnam-time day", () => {
    const s = demoServices();
    const cases = [
      ["2026-09-30T17:30:00Z", "2026-10-01"],
      ["2026-09-30T16:59:59Z", "2026-09-30"],
      ["2026-10-01T00:00:00+07:00", "2026-10-01"],
      ["2026-09-30T23:59:59+07:00", "2026-09-30"],
      ["2026-12-31T17:00:00.000Z", "2027-01-01"],
    ] as const;
    cases.forEach(([submittedAt], i) => expect(ingest(s, ratingBody({ id: uuid(100 + i), submittedAt })).status).toBe("created"));
    expect(storedResponses(s.db).map((r) => [r.uuid, r.dayVn, r.submittedAt])).toEqual(
      // A kiosk rating: its time is kept to the hour (0008-privacy-of-ratings.md), its day stays exact.
      cases.map(([submittedAt, day], i) => [uuid(100 + i), day, Math.floor(Date.parse(submittedAt) / 3_600_000) * 3_600_000]),
    );
  });
});

describe("ingestResponse: the id is the idempotency key", () => {
  it("acknowledges the same id with the same content as a duplicate, still one row", () => {
    const s = demoServices();
    const first = ingest(s, sipasBody());
    const before = snapshot(s);
    const again = ingest(s, sipasBody());
    expect(again).toEqual({ status: "duplicate", id: uuid(2), responseId: first.status === "created" ? first.responseId : -1 });
    expect(snapshot(s)).toEqual(before);
  });

  it("sees the same content with answers in another order (and the same instant in UTC) as a duplicate", () => {
    const s = demoServices();
    expect(ingest(s, sipasBody()).status).toBe("created");
    const answers = sipasBody().answers;
    const reordered = sipasBody({
      submittedAt: "2026-08-14T02:12:00Z",
      answers: { Y_KIEN: ` ${answers.Y_KIEN} `, MONG_DOI: [3, 1], HL_CHUNG: 4, HL_PA: 9, PA1: 5, PA0: 1, HL_TC: 4, GIOI_TINH: 2 },
    });
    expect(ingest(s, reordered).status).toBe("duplicate");
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 9, conflicts: 0 });
  });

  it("refuses the same id with other content as a conflict, keeps the first unchanged and records the second", () => {
    const s = demoServices();
    expect(ingest(s, sipasBody()).status).toBe("created");
    const before = snapshot(s);
    const second = sipasBody({ answers: { ...sipasBody().answers, HL_TC: 1 } });
    expect(ingest(s, second, "import:lan-2.jsonl")).toEqual({ status: "conflict", id: uuid(2) });

    expect(snapshot(s).responses).toEqual(before.responses);
    expect(snapshot(s).answers).toEqual(before.answers);
    expect(conflicts(s)).toEqual([
      {
        uuid: uuid(2),
        receivedAt: NOW,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        payload: expect.any(String),
        source: "import:lan-2.jsonl",
      },
    ]);
    // The validated content is kept (unknown fields dropped, answers normalised), not the raw body.
    expect(JSON.parse(conflicts(s)[0]!.payload)).toEqual({
      ...second,
      submittedAt: new Date(second.submittedAt).toISOString(),
      answers: { ...second.answers, MONG_DOI: [1, 3] },
    });
    const firstHash = s.db.$client.prepare("select content_hash as h from responses").get() as { h: string };
    expect(conflicts(s)[0]!.contentHash).not.toBe(firstHash.h);

    // Every further conflicting submission is recorded; a replay of the first is still a duplicate.
    expect(ingest(s, sipasBody({ channel: "paper" })).status).toBe("conflict");
    expect(ingest(s, sipasBody()).status).toBe("duplicate");
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 9, conflicts: 2 });
  });

  it("treats ids that differ only in letter case as the same response", () => {
    const s = demoServices();
    const upper = uuid(2).toUpperCase();
    expect(ingest(s, sipasBody({ id: upper }))).toMatchObject({ status: "created", id: uuid(2) });
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([uuid(2)]);
    expect(ingest(s, sipasBody())).toMatchObject({ status: "duplicate", id: uuid(2) });
    expect(ingest(s, sipasBody({ id: upper, channel: "phone" }))).toEqual({ status: "conflict", id: uuid(2) });
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 9, conflicts: 1 });
    expect(conflicts(s)[0]!.uuid).toBe(uuid(2));
  });

  it("refuses an invalid body reusing a stored id as invalid, not as a conflict", () => {
    const s = demoServices();
    expect(ingest(s, sipasBody()).status).toBe("created");
    const before = snapshot(s);
    expect(ingest(s, sipasBody({ answers: { HL_TC: 8 } }))).toMatchObject({ status: "invalid", id: uuid(2) });
    expect(snapshot(s)).toEqual(before);
  });
});

describe("ingestResponse: invalid submissions store nothing", () => {
  const cases: [string, Record<string, unknown>, { path: string; key: string; params?: Record<string, unknown> }[]][] = [
    ["unknown agency", { agency: "ABC", counter: undefined }, [{ path: "agency", key: "unknownAgency", params: { value: "ABC" } }]],
    ["unknown field", { field: "XYZ" }, [{ path: "field", key: "unknownField", params: { value: "XYZ" } }]],
    ["unknown counter", { counter: "TTHCC-Q99" }, [{ path: "counter", key: "unknownCounter", params: { value: "TTHCC-Q99" } }]],
    [
      "a counter of another agency",
      { agency: "SO_TP", counter: "TTHCC-Q01" },
      [{ path: "counter", key: "counterNotInAgency", params: { value: "TTHCC-Q01", agency: "SO_TP" } }],
    ],
    ["unknown procedure", { procedure: "1.999999" }, [{ path: "procedure", key: "unknownProcedure", params: { value: "1.999999" } }]],
    ["unknown survey", { survey: "khong-co" }, [{ path: "survey", key: "unknownSurvey", params: { value: "khong-co" } }]],
    [
      "a bad answer code",
      { answers: { TONG_THE: 4 } },
      [{ path: "answers.TONG_THE", key: "codeNotAllowed", params: { question: "TONG_THE", value: 4, allowed: "3, 2, 1" } }],
    ],
    ["an unknown question", { answers: { TONG_THE: 3, HL_TC: 4 } }, [{ path: "answers.HL_TC", key: "unknownQuestion" }]],
    ["a bad id", { id: "123" }, [{ path: "id", key: "invalidId" }]],
    ["a bad channel", { channel: "zalo" }, [{ path: "channel", key: "invalidChannel" }]],
    ["an instant without offset", { submittedAt: "2026-08-14 09:12" }, [{ path: "submittedAt", key: "invalidInstant" }]],
    ["a missing agency", { agency: undefined, counter: undefined }, [{ path: "agency", key: "invalidField", params: { field: "agency" } }]],
  ];

  for (const [name, overrides, expected] of cases) {
    it(`refuses ${name} with its issue keys`, () => {
      const s = demoServices();
      const result = ingest(s, ratingBody(overrides));
      expect(result.status).toBe("invalid");
      expect(result.status === "invalid" && result.issues).toEqual(
        expected.map(({ params, ...e }) => expect.objectContaining({ ...e, ...(params && { params: expect.objectContaining(params) }) })),
      );
      expect(storedCounts(s.db)).toEqual({ responses: 0, answers: 0, conflicts: 0 });
    });
  }

  it("reports every directory problem at once, and the id when it has one", () => {
    const s = demoServices();
    const result = ingest(s, ratingBody({ agency: "ABC", field: "XYZ", counter: "Q-XX" }));
    expect(result).toMatchObject({ status: "invalid", id: uuid(1) });
    expect(result.status === "invalid" && result.issues.map((i) => i.key)).toEqual(["unknownAgency", "unknownField", "unknownCounter"]);
  });

  it("refuses bodies that are not objects", () => {
    const s = demoServices();
    for (const body of [null, "x", 42, [ratingBody()], { responses: [ratingBody()] }]) {
      const result = ingest(s, body);
      expect(result.status, JSON.stringify(body)).toBe("invalid");
      expect(result.status === "invalid" && result.issues.length).toBeGreaterThan(0);
    }
    expect(storedCounts(s.db)).toEqual({ responses: 0, answers: 0, conflicts: 0 });
  });

  it("leaves the tables unchanged after a mix of refusals on a filled database", () => {
    const s = demoServices();
    expect(ingest(s, sipasBody()).status).toBe("created");
    expect(ingest(s, ratingBody()).status).toBe("created");
    const before = snapshot(s);
    for (const overrides of cases.map(([, o]) => o)) {
      expect(ingest(s, ratingBody({ id: uuid(77), ...overrides })).status).toBe("invalid");
    }
    expect(snapshot(s)).toEqual(before);
  });
});

describe("edge cases found in review", () => {
  it("an instant valid for zod but past year 9999 in Vietnam time is refused, not thrown", () => {
    // 9999-12-31T23:59:59-23:59 passes z.iso.datetime; its day_vn "10000-01-02" fails responses_day_check and
    // the SQLite error escapes ingestResponse (a 500 for the API, an aborted batch for import-responses).
    const s = demoServices();
    expect(ingest(s, ratingBody({ submittedAt: "9999-12-31T23:59:59-23:59" })).status).toBe("invalid");
  });
});

describe("ingestResponse inside an outer transaction", () => {
  it("keeps the valid rows of a batch when one is invalid (and records a conflict without undoing the others)", () => {
    const s = demoServices();
    expect(ingest(s, sipasBody({ id: uuid(50) })).status).toBe("created");
    const bodies = [
      ratingBody({ id: uuid(1) }),
      ratingBody({ id: uuid(2), agency: "ABC", counter: undefined }),
      ratingBody({ id: uuid(3), answers: { TONG_THE: 1, THAI_DO: 1 } }),
      sipasBody({ id: uuid(50), channel: "phone" }),
      ratingBody({ id: uuid(1) }),
      ratingBody({ id: uuid(4), answers: { TONG_THE: 7 } }),
      ratingBody({ id: uuid(5) }),
    ];
    let results: string[] = [];
    s.db.$client
      .transaction(() => {
        results = bodies.map((b) => ingest(s, b).status);
      })
      .immediate();
    expect(results).toEqual(["created", "invalid", "created", "conflict", "duplicate", "invalid", "created"]);
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([uuid(50), uuid(1), uuid(3), uuid(5)]);
    expect(storedCounts(s.db)).toEqual({ responses: 4, answers: 9 + 4 + 2 + 4, conflicts: 1 });
  });

  it("is rolled back with the outer transaction", () => {
    const s = demoServices();
    expect(() =>
      s.db.$client
        .transaction(() => {
          expect(ingest(s, ratingBody()).status).toBe("created");
          throw new Error("abandon the batch");
        })
        .immediate(),
    ).toThrow("abandon the batch");
    expect(storedCounts(s.db)).toEqual({ responses: 0, answers: 0, conflicts: 0 });
    expect(ingest(s, ratingBody()).status).toBe("created");
  });
});

describe("ingestResponse across processes", () => {
  it("stores each of 50 responses exactly once when 4 processes replay them into the same file at once", async () => {
    const s = demoServices();
    const dbFile = s.db.$client.name;
    const channels = ["qr", "kiosk", "surveyor", "paper", "phone", "web"];
    const bodies = Array.from({ length: 50 }, (_, i) =>
      i % 2
        ? ratingBody({ id: uuid(1000 + i), channel: channels[i % 6], answers: { TONG_THE: 1 + (i % 3), Y_KIEN: `Ý kiến ${i}` } })
        : sipasBody({ id: uuid(1000 + i), submittedAt: `2026-08-${String(1 + (i % 28)).padStart(2, "0")}T09:12:00+07:00` }),
    );
    const bodiesFile = writeFile(tmpDir("sipas-race-"), "bodies.json", bodies);

    const workers = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/ingest-worker.ts"), dbFile, bodiesFile], {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      }),
    );
    let ready = 0;
    const done = workers.map(
      (worker) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          let out = "";
          let err = "";
          worker.stdout.on("data", (chunk: Buffer) => {
            out += String(chunk);
            // Start all four together once every one has opened the file and registered the surveys.
            if (out.startsWith("ready\n") && !out.slice(6).length && ++ready === workers.length) {
              for (const w of workers) w.stdin.write("go\n");
            }
          });
          worker.stderr.on("data", (chunk: Buffer) => (err += String(chunk)));
          worker.on("close", (code) => resolve({ code, out, err }));
        }),
    );
    const finished = await Promise.all(done);
    for (const f of finished) expect(f, f.err).toMatchObject({ code: 0, err: "" });

    const tallies = finished.map((f) => JSON.parse(f.out.trim().split("\n").at(-1)!) as Record<IngestResult["status"], number>);
    const sum = (k: IngestResult["status"]) => tallies.reduce((n, t) => n + t[k], 0);
    expect(sum("created")).toBe(50);
    expect(sum("duplicate")).toBe(150);
    expect(sum("conflict") + sum("invalid")).toBe(0);
    expect(storedCounts(s.db)).toEqual({
      responses: 50,
      answers: bodies.reduce((n, b, i) => n + (i % 2 ? 2 : 9), 0),
      conflicts: 0,
    });
    expect(new Set(storedResponses(s.db).map((r) => r.uuid))).toEqual(new Set(bodies.map((b) => b.id)));
    expect(fs.existsSync(dbFile)).toBe(true);
  }, 20_000);
});
