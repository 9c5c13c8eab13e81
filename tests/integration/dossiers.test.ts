/**
 * One rating per dossier and abuse control on the public page (issue 7, items 3 and 4): the QR route called
 * directly, the API, `import-dossiers` and the sample plan, on a real SQLite file.
 */
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";

import { importDossiers } from "../../app/dossiers/import.server";
import { samplePlan, countDossiers } from "../../app/dossiers/plan.server";
import { createApiKey } from "../../app/auth/api-keys.server";
import { readEnv } from "../../app/env.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { importResponses } from "../../app/responses/import.server";
import { action as responsesAction } from "../../app/routes/api.v1.responses";
import { action, loader } from "../../app/routes/q.$token";
import { signPageToken } from "../../app/security/page-token.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { ratingBody, uuid } from "../support/bodies";
import { demoServices, storedCounts, storedResponses, type TestServices } from "../support/services";

afterEach(() => provideServices(undefined));

const SECRET = "s".repeat(40);
const CODE = "000.00.12.H56-250801-0042";
const NOTHING = { responses: 0, answers: 0, conflicts: 0 };
const CSV_HEADER = "code,agency,field,procedure,returned";

function setup(env: Record<string, string> = {}): TestServices {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name, ...env } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  return s;
}

function tokenOf(db: Db, counter: string): string {
  return (db.$client.prepare("select token from counters where code = ?").get(counter) as { token: string }).token;
}

/** The token of a page rendered `age` ms ago for the rating id `rid`. */
const pageToken = (rid: string, age = 0) => signPageToken(SECRET, rid, Date.now() - age);

type Outcome = {
  status: number;
  location: string | null;
  data: { errors: Record<string, string>; notice?: string; values: Record<string, string[]> } | null;
};

/** A post from a page this server rendered (its `_t` signs the posted `_rid`), unless the test gives a `_t`. */
async function post(token: string, entries: [string, string][], clientAddress = "203.0.113.9"): Promise<Outcome> {
  const rid = entries.find(([k]) => k === "_rid")?.[1];
  if (rid && !entries.some(([k]) => k === "_t")) entries = [...entries, ["_t", pageToken(rid)]];
  const request = new Request(`http://test/q/${token}?lng=vi`, { method: "POST", body: new URLSearchParams(entries) });
  try {
    const value = (await action({ request, params: { token }, context: { clientAddress } })) as { data: Outcome["data"]; init: ResponseInit | null };
    return { status: value.init?.status ?? 200, location: null, data: value.data };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
  }
}

function dossierHashes(db: Db): string[] {
  return (db.$client.prepare("select dossier_hash as h from responses where dossier_hash is not null").all() as { h: string }[]).map((r) => r.h);
}

describe("one rating per dossier on the QR page", () => {
  it("stores the first rating of a dossier, and answers a second one politely (200) without storing it", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const first = await post(token, [
      ["_rid", uuid(1)],
      ["TONG_THE", "3"],
      ["_dossier", CODE],
    ]);
    expect(first).toMatchObject({ status: 303, location: expect.stringMatching(new RegExp(`^/q/${token}/cam-on\\?lng=vi`)) });
    const before = storedCounts(s.db);
    expect(before.responses).toBe(1);

    // Another form (another id), the same dossier typed in lower case with spaces: the same dossier.
    const second = await post(token, [
      ["_rid", uuid(2)],
      ["TONG_THE", "1"],
      ["_dossier", `  ${CODE.toLowerCase()} `],
    ]);
    expect(second.status).toBe(200);
    expect(second.data?.notice).toBe("Hồ sơ này đã được đánh giá. Cảm ơn Ông/Bà.");
    expect(second.data?.errors).toEqual({});
    expect(storedCounts(s.db)).toEqual(before);
    expect(dossierHashes(s.db)).toHaveLength(1);

    // Without a code, ratings are not limited.
    expect(
      (
        await post(token, [
          ["_rid", uuid(3)],
          ["TONG_THE", "2"],
        ])
      ).status,
    ).toBe(303);
    expect(storedCounts(s.db).responses).toBe(2);
  });

  it("keeps only a keyed hash: the code appears nowhere in the database file", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    expect(
      (
        await post(token, [
          ["_rid", uuid(1)],
          ["TONG_THE", "3"],
          ["_dossier", CODE],
        ])
      ).status,
    ).toBe(303);
    // A replayed id with other content is recorded as a conflict: its payload must not carry the code either.
    ingestResponse(s.db, s.surveys, ratingBody({ id: uuid(1), dossier: CODE, channel: "qr" }), {
      source: "test",
      dossiers: { secret: SECRET, requireKnown: false },
    });
    expect(importDossiers(s.db, SECRET, `${CSV_HEADER}\n${CODE.replace("0042", "0043")},SO_YT,Y_TE,,2026-08-01\n`)).toMatchObject({ ok: true });
    const [hash] = dossierHashes(s.db);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    s.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const file = s.db.$client.name;
    const bytes = Buffer.concat([fs.readFileSync(file), ...(fs.existsSync(`${file}-wal`) ? [fs.readFileSync(`${file}-wal`)] : [])]);
    for (const needle of [CODE, CODE.toLowerCase(), "250801-0042", "250801-0043"]) {
      expect(bytes.includes(Buffer.from(needle, "utf8")), needle).toBe(false);
    }
    expect(bytes.includes(Buffer.from(hash!, "utf8"))).toBe(true);
  });

  it("refuses a malformed code beside the field, keeping the answers, and stores nothing", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    for (const bad of ["AB1", "x".repeat(41), "HS 2026 01", "HS_2026", "<script>"]) {
      const outcome = await post(token, [
        ["_rid", uuid(1)],
        ["TONG_THE", "3"],
        ["_dossier", bad],
      ]);
      expect(outcome.status, bad).toBe(400);
      expect(outcome.data?.errors).toEqual({
        _dossier: "Mã hồ sơ gồm 4–40 ký tự: chữ, số, dấu gạch ngang (-), gạch chéo (/) hoặc dấu chấm (.).",
      });
      expect(outcome.data?.values._dossier).toEqual([bad]);
    }
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("with REQUIRE_KNOWN_DOSSIER=1 refuses a code not imported and accepts an imported one", async () => {
    const s = setup({ REQUIRE_KNOWN_DOSSIER: "1" });
    const token = tokenOf(s.db, "SO_YT-Q01");
    const unknown = await post(token, [
      ["_rid", uuid(1)],
      ["TONG_THE", "3"],
      ["_dossier", CODE],
    ]);
    expect(unknown.status).toBe(400);
    expect(unknown.data?.errors).toEqual({ _dossier: "Không tìm thấy hồ sơ có mã này. Xin Ông/Bà kiểm tra lại mã trên giấy biên nhận." });
    expect(storedCounts(s.db)).toEqual(NOTHING);

    expect(importDossiers(s.db, SECRET, `${CSV_HEADER}\n${CODE},SO_YT,Y_TE,,2026-08-01\n`)).toEqual({ ok: true, created: 1, updated: 0 });
    expect(
      (
        await post(token, [
          ["_rid", uuid(1)],
          ["TONG_THE", "3"],
          ["_dossier", CODE],
        ])
      ).status,
    ).toBe(303);
    expect(storedCounts(s.db).responses).toBe(1);
    // The setting does not make the code compulsory.
    expect(
      (
        await post(token, [
          ["_rid", uuid(2)],
          ["TONG_THE", "3"],
        ])
      ).status,
    ).toBe(303);
  });

  it("prefills the code from a receipt's QR (?ma=), ignoring anything that is not a code", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const load = async (query: string) => {
      const value = (await loader({ request: new Request(`http://test/q/${token}${query}`), params: { token }, context: {} })) as {
        data: { dossier: string; pageToken: string };
      };
      return value.data;
    };
    expect((await load(`?ma=${encodeURIComponent(CODE)}`)).dossier).toBe(CODE);
    expect((await load("?ma=%3Cb%3E")).dossier).toBe("");
    expect((await load("")).pageToken).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
  });
});

describe("abuse control on the QR page", () => {
  it("honeypot: a filled hidden field gets the normal thank-you redirect and nothing is stored", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const outcome = await post(token, [
      ["_rid", uuid(1)],
      ["TONG_THE", "3"],
      ["website", "http://spam.example"],
    ]);
    expect(outcome).toMatchObject({ status: 303, location: expect.stringMatching(new RegExp(`^/q/${token}/cam-on\\?lng=vi`)) });
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("a quick honest tap is not refused: a page answered the moment it was shown stores the rating", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    expect(
      (
        await post(token, [
          ["_rid", uuid(1)],
          ["_t", pageToken(uuid(1), 0)],
          ["TONG_THE", "3"],
        ])
      ).status,
    ).toBe(303);
    expect(storedCounts(s.db).responses).toBe(1);
  });

  it("a tampered, foreign, missing, future or day-old `_t` stores nothing and says what to do; the choices come back", async () => {
    const s = setup();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const good = pageToken(uuid(1), 60_000);
    const [ms, mac] = good.split(".") as [string, string];
    const cases = [
      `${Number(ms) - 60_000}.${mac}`, // an older time with the old signature
      `${ms}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      signPageToken("another-secret-".repeat(3), uuid(1), Date.now() - 60_000),
      pageToken(uuid(1), -5 * 60_000),
      pageToken(uuid(1), 25 * 3_600_000),
      "",
      "garbage",
    ];
    for (const t of cases) {
      const outcome = await post(token, [
        ["_rid", uuid(1)],
        ["_t", t],
        ["TONG_THE", "3"],
        ["Y_KIEN", "Chờ lâu"],
      ]);
      expect(outcome.status, t).toBe(400);
      expect(outcome.data?.errors._form).toBe(
        "Trang đánh giá này đã mở quá lâu hoặc không còn dùng được. Lựa chọn của Ông/Bà vẫn được giữ: xin bấm «Gửi đánh giá» lần nữa.",
      );
      expect(outcome.data?.values.Y_KIEN).toEqual(["Chờ lâu"]);
    }
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });
});

describe("coarsened times", () => {
  const read = (db: Db) =>
    db.$client
      .prepare("select channel, submitted_at as submittedAt, received_at as receivedAt, day_vn as dayVn from responses order by id")
      .all() as {
      channel: string;
      submittedAt: number;
      receivedAt: number;
      dayVn: string;
    }[];

  it("QR and kiosk keep submission and receipt times to the hour; the Vietnam day stays exact (23:40 stays on its day)", () => {
    const s = setup();
    const received = Date.parse("2026-08-14T23:59:30+07:00");
    const options = { source: "test", now: () => received };
    for (const [i, channel] of (["qr", "kiosk", "surveyor"] as const).entries()) {
      const body = ratingBody({ id: uuid(i + 1), channel, submittedAt: "2026-08-14T23:40:12.345+07:00" });
      expect(ingestResponse(s.db, s.surveys, body, options).status).toBe("created");
    }
    const hour = Date.parse("2026-08-14T23:00:00+07:00");
    expect(read(s.db)).toEqual([
      { channel: "qr", submittedAt: hour, receivedAt: hour, dayVn: "2026-08-14" },
      { channel: "kiosk", submittedAt: hour, receivedAt: hour, dayVn: "2026-08-14" },
      { channel: "surveyor", submittedAt: Date.parse("2026-08-14T23:40:12.345+07:00"), receivedAt: received, dayVn: "2026-08-14" },
    ]);
    // A replay of the kiosk rating is still a duplicate, and the same rating a minute later in the same hour too.
    expect(
      ingestResponse(s.db, s.surveys, ratingBody({ id: uuid(2), channel: "kiosk", submittedAt: "2026-08-14T23:41:00+07:00" }), options).status,
    ).toBe("duplicate");
  });

  it("00:20 Vietnam time (17:20 UTC the day before) is filed on the Vietnam day", () => {
    const s = setup();
    const body = ratingBody({ channel: "qr", submittedAt: "2026-08-14T17:20:00Z" });
    expect(ingestResponse(s.db, s.surveys, body, { source: "test" }).status).toBe("created");
    expect(read(s.db)[0]).toMatchObject({ submittedAt: Date.parse("2026-08-15T00:00:00+07:00"), dayVn: "2026-08-15" });
  });
});

describe("the dossier code through the API and import-responses", () => {
  async function apiPost(body: unknown, key: string) {
    const request = new Request("http://test/api/v1/responses", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    });
    const response = (await responsesAction({ request, params: {}, context: {} })) as Response;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("stores a `dossier` once; another response for the same dossier is refused (409), a malformed one is 400", async () => {
    const s = setup();
    const { key } = createApiKey(s.db, { kind: "integration", name: "Một cửa" });
    const first = await apiPost(ratingBody({ id: uuid(1), dossier: CODE }), key);
    expect(first).toMatchObject({ status: 201, body: { result: "created" } });
    // The same id and content again: a duplicate, as before.
    expect(await apiPost(ratingBody({ id: uuid(1), dossier: CODE }), key)).toMatchObject({ status: 200, body: { duplicate: true } });
    const second = await apiPost(ratingBody({ id: uuid(2), dossier: CODE.toLowerCase() }), key);
    expect(second).toMatchObject({
      status: 409,
      body: { result: "dossierRated", error: "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ nhận một đánh giá." },
    });
    const bad = await apiPost(ratingBody({ id: uuid(3), dossier: "HS 1" }), key);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("Mã hồ sơ gồm 4–40 ký tự");
    const batch = await apiPost({ responses: [ratingBody({ id: uuid(4), dossier: CODE }), ratingBody({ id: uuid(5), dossier: "HS-2026-2" })] }, key);
    expect(batch.body).toMatchObject({ created: 1, dossiersRated: 1 });
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([uuid(1), uuid(5)]);
  });

  it("import-responses goes through the same rule", async () => {
    const s = setup();
    const lines = [uuid(1), uuid(2)].map((id) => JSON.stringify(ratingBody({ id, dossier: CODE })));
    const rejected: unknown[] = [];
    const summary = await importResponses(s.db, s.surveys, lines, {
      source: "import:test",
      dossiers: { secret: SECRET, requireKnown: false },
      onRejected: (r) => rejected.push(r),
    });
    expect(summary).toEqual({ created: 1, duplicates: 0, rejected: 1 });
    expect(rejected).toEqual([{ line: 2, id: uuid(2), reasons: ["Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ nhận một đánh giá."] }]);
  });
});

describe("import-dossiers and the sample plan", () => {
  const count = (db: Db) => (db.$client.prepare("select count(*) as n from dossiers").get() as { n: number }).n;

  it("imports all or nothing, with a Vietnamese error per bad row and no code in the messages", () => {
    const s = setup();
    const csv = [
      CSV_HEADER,
      "HS-0001,SO_YT,Y_TE,,2026-08-01",
      "HS 2,SO_YT,Y_TE,,2026-08-01",
      "HS-0003,KHONG_CO,Y_TE,,2026-08-01",
      "HS-0004,SO_YT,Y_TE,,2026-02-30",
      "hs-0001,SO_YT,,,2026-08-02",
      '"HS-0006","SO_YT","Y_TE",""',
    ].join("\r\n");
    const result = importDossiers(s.db, SECRET, csv);
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 3, message: "mã hồ sơ phải gồm 4–40 ký tự: chữ, số, '-', '/', '.'" },
        { line: 4, message: "không có cơ quan «KHONG_CO»" },
        { line: 5, message: "ngày trả kết quả «2026-02-30» không hợp lệ (cần YYYY-MM-DD)" },
        { line: 6, message: "mã hồ sơ trùng với dòng 2" },
        { line: 7, message: "cần 5 cột, có 4" },
      ],
    });
    expect(count(s.db)).toBe(0);
    expect(importDossiers(s.db, SECRET, "ma,co_quan\nHS-1,SO_YT")).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });

  it("imports hashes, updates on a re-run, and counts dossiers and samples per agency and field", () => {
    const s = setup();
    const rows = [
      ...Array.from({ length: 300 }, (_, i) => `YT-${1000 + i},SO_YT,Y_TE,,2026-08-${String(1 + (i % 28)).padStart(2, "0")}`),
      ...Array.from({ length: 100 }, (_, i) => `DD-${1000 + i},TTHCC,DAT_DAI,,2026-08-15`),
      ...Array.from({ length: 50 }, (_, i) => `MT-${1000 + i},TTHCC,MOI_TRUONG,,2026-08-15`),
      "XD-0001,TTHCC,,,2026-09-01",
    ];
    expect(importDossiers(s.db, SECRET, `\uFEFF${CSV_HEADER}\n${rows.join("\n")}\n`)).toEqual({ ok: true, created: 451, updated: 0 });
    expect(importDossiers(s.db, SECRET, `${CSV_HEADER}\nYT-1000,SO_YT,Y_TE,,2026-08-02\n`)).toEqual({ ok: true, created: 0, updated: 1 });
    expect(count(s.db)).toBe(451);

    expect(countDossiers(s.db, { from: "2026-08-01", to: "2026-08-31" })).toEqual([
      { agency: "SO_YT", field: "Y_TE", dossiers: 300 },
      { agency: "TTHCC", field: "DAT_DAI", dossiers: 100 },
      { agency: "TTHCC", field: "MOI_TRUONG", dossiers: 50 },
    ]);
    const plan = samplePlan(s.db, { from: "2026-08-01", to: "2026-09-30" });
    // SO_YT: ⌈300 / (1 + 300·0.0025)⌉ = 172; TTHCC: 151 dossiers → ⌈151 / 1.3775⌉ = 110, split 100:50:1.
    expect(plan).toMatchObject({ dossiers: 451, sample: 282 });
    expect(plan.agencies).toEqual([
      { agency: "SO_YT", dossiers: 300, sample: 172, fields: [{ field: "Y_TE", dossiers: 300, sample: 172 }] },
      {
        agency: "TTHCC",
        dossiers: 151,
        sample: 110,
        fields: [
          { field: "", dossiers: 1, sample: 1 },
          { field: "DAT_DAI", dossiers: 100, sample: 73 },
          { field: "MOI_TRUONG", dossiers: 50, sample: 36 },
        ],
      },
    ]);
  });
});
