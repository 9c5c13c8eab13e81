/**
 * The citizen's page at a counter (/q/<token>): the route's loader and action called directly, with the
 * services of a test database handed to the route through provideServices.
 */
import { afterEach, describe, expect, it } from "vitest";

import { action, loader } from "../../app/routes/q.$token";
import { readEnv } from "../../app/env.server";
import { signPageToken } from "../../app/security/page-token.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { uuid } from "../support/bodies";
import { demoServices, storedAnswers, storedCounts, storedResponses, type TestServices } from "../support/services";
import { settle, type Outcome } from "../support/route";

afterEach(() => provideServices(undefined));

function routeServices(): TestServices {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  return s;
}

const SECRET = "x".repeat(40);

function tokenOf(db: Db, counter: string): string {
  const row = db.$client.prepare("select token from counters where code = ?").get(counter) as { token: string } | undefined;
  if (!row) throw new Error(`no counter ${counter}`);
  return row.token;
}

function load(token: string, query = "?lng=vi") {
  const request = new Request(`http://test/q/${token}${query}`);
  return settle(() => loader({ request, params: { token }, context: {} }));
}

/** A post from a page this server rendered: its `_t` signs the posted `_rid` (unless the test gives one). */
function post(token: string, entries: [string, string][], query = "?lng=vi") {
  const rid = entries.find(([k]) => k === "_rid")?.[1];
  if (rid && !entries.some(([k]) => k === "_t")) entries = [...entries, ["_t", signPageToken(SECRET, rid, Date.now())]];
  const request = new Request(`http://test/q/${token}${query}`, { method: "POST", body: new URLSearchParams(entries) });
  return settle(() => action({ request, params: { token }, context: {} }));
}

/** A redirect to `location`, which may go on with the vote's id and page token (the details it may add). */
function expectRedirect(outcome: Outcome, location: string) {
  expect(outcome.kind).toBe("response");
  if (outcome.kind !== "response") return;
  expect(outcome.status).toBe(303);
  const got = outcome.response.headers.get("Location") ?? "";
  expect(got === location || got.startsWith(`${location}&r=`), got).toBe(true);
}

function expectData(outcome: Outcome, status: number) {
  expect(outcome.kind, JSON.stringify(outcome)).toBe("data");
  expect(outcome.status).toBe(status);
  return outcome.kind === "data" ? (outcome.data as { rid: string; values: Record<string, string[]>; errors: Record<string, string> }) : undefined!;
}

const NOTHING = { responses: 0, answers: 0, conflicts: 0 };

describe("q.$token loader", () => {
  it("serves the rating form of a counter: its agency, its fields, the definition and a fresh form id", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const outcome = await load(token);
    const data = expectData(outcome, 200) as unknown as {
      counter: { code: string; agencyCode: string; fields: { code: string }[] };
      def: { id: string };
      locale: string;
      rid: string;
    };
    expect(outcome.thrown).toBe(false);
    expect(data.counter).toMatchObject({ code: "SO_YT-Q01", agencyCode: "SO_YT", fields: [{ code: "Y_TE", name: "Y tế" }] });
    expect(data.def.id).toBe("danh-gia-ho-so");
    expect(data.locale).toBe("vi");
    expect(data.rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(outcome.kind === "data" && outcome.headers.get("Set-Cookie")).toContain("lng=vi");

    const again = expectData(await load(token), 200) as unknown as { rid: string };
    expect(again.rid).not.toBe(data.rid);
  });

  it("answers 404 for an unknown, malformed or inactive token", async () => {
    const s = routeServices();
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAA", "short", "../../etc/passwd"]) {
      const outcome = await load(token);
      expect(outcome, token).toMatchObject({ thrown: true, kind: "response", status: 404 });
    }
    const token = tokenOf(s.db, "SO_YT-Q01");
    s.db.$client.prepare("update counters set active = 0 where code = 'SO_YT-Q01'").run();
    expect(await load(token)).toMatchObject({ thrown: true, kind: "response", status: 404 });
  });
});

describe("q.$token action", () => {
  it("stores a valid rating once (channel qr, the counter, its agency and its only field) and redirects to the thanks page", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const rid = uuid(1);
    const outcome = await post(token, [
      ["_rid", rid],
      ["TONG_THE", "3"],
      ["THUAN_TIEN", "2"],
      ["DUNG_HAN", ""],
      ["THAI_DO", "9"],
      ["Y_KIEN", "  Cán bộ nhiệt tình  "],
    ]);
    expect(outcome.thrown).toBe(true);
    expectRedirect(outcome, `/q/${token}/cam-on?lng=vi`);

    const rows = storedResponses(s.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      uuid: rid,
      surveyId: "danh-gia-ho-so",
      surveyVersionId: s.surveys.get("danh-gia-ho-so")!.versionId,
      channel: "qr",
      counter: "SO_YT-Q01",
      agency: "SO_YT",
      field: "Y_TE",
      locale: "vi",
      status: "accepted",
    });
    // Kept to the hour (0008-privacy-of-ratings.md): the hour that has just begun or the one before.
    expect(rows[0]!.submittedAt % 3_600_000).toBe(0);
    expect(Date.now() - rows[0]!.submittedAt).toBeLessThan(3_600_000 + 60_000);
    expect(storedAnswers(s.db, rows[0]!.id)).toEqual([
      { question: "THAI_DO", code: 9, text: null },
      { question: "THUAN_TIEN", code: 2, text: null },
      { question: "TONG_THE", code: 3, text: null },
      { question: "Y_KIEN", code: null, text: "Cán bộ nhiệt tình" },
    ]);
  });

  it("keeps the language of the page in the redirect and the stored locale", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    expectRedirect(
      await post(
        token,
        [
          ["_rid", uuid(1)],
          ["TONG_THE", "2"],
        ],
        "?lng=en",
      ),
      `/q/${token}/cam-on?lng=en`,
    );
    expect(storedResponses(s.db)[0]).toMatchObject({ locale: "en" });
  });

  it("re-renders a rating without TONG_THE with a Vietnamese message beside it, the values echoed, nothing stored", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const rid = uuid(1);
    const outcome = await post(token, [
      ["_rid", rid],
      ["THUAN_TIEN", "2"],
      ["Y_KIEN", "Chờ lâu"],
    ]);
    expect(outcome.thrown).toBe(false);
    const data = expectData(outcome, 400);
    expect(data.errors).toEqual({ TONG_THE: "Xin Ông/Bà chọn một mức đánh giá." });
    expect(data.values).toEqual({ _rid: [rid], THUAN_TIEN: ["2"], Y_KIEN: ["Chờ lâu"], _t: [expect.any(String)] });
    // The same form id, so that the corrected form is still the same submission.
    expect(data.rid).toBe(rid);
    expect(storedCounts(s.db)).toEqual(NOTHING);

    // Corrected and posted again with the same id: stored once.
    expectRedirect(
      await post(token, [
        ["_rid", rid],
        ["TONG_THE", "1"],
        ["THUAN_TIEN", "2"],
      ]),
      `/q/${token}/cam-on?lng=vi`,
    );
    expect(storedResponses(s.db).map((r) => r.uuid)).toEqual([rid]);
  });

  it("speaks English to an English page, and refuses a value that is not a choice", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    expect(expectData(await post(token, [["_rid", uuid(1)]], "?lng=en"), 400).errors).toEqual({ TONG_THE: "Please choose a rating." });
    expect(
      expectData(
        await post(token, [
          ["_rid", uuid(1)],
          ["TONG_THE", "abc"],
        ]),
        400,
      ).errors,
    ).toEqual({
      TONG_THE: "Lựa chọn không hợp lệ.",
    });
    expect(
      expectData(
        await post(token, [
          ["_rid", uuid(1)],
          ["TONG_THE", "9"],
        ]),
        400,
      ).errors,
    ).toEqual({
      TONG_THE: "Lựa chọn không hợp lệ.",
    });
    expect(
      expectData(
        await post(token, [
          ["_rid", uuid(1)],
          ["TONG_THE", "3"],
          ["Y_KIEN", "x".repeat(1001)],
        ]),
        400,
      ).errors,
    ).toEqual({ Y_KIEN: "Ý kiến dài quá 1000 ký tự (hiện có 1001 ký tự)." });
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("stores the same form id once: a second post (double tap, back and resubmit) just redirects", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "TTHCC-Q01");
    const form: [string, string][] = [
      ["_rid", uuid(7)],
      ["TONG_THE", "3"],
      ["_field", "DAT_DAI"],
    ];
    expectRedirect(await post(token, form), `/q/${token}/cam-on?lng=vi`);
    const before = storedCounts(s.db);
    const second = await post(token, form);
    expect(second.thrown).toBe(true);
    expectRedirect(second, `/q/${token}/cam-on?lng=vi`);
    // Even with other answers: the page's rating stands, nothing is stored or recorded as a conflict.
    expectRedirect(
      await post(token, [
        ["_rid", uuid(7)],
        ["TONG_THE", "1"],
      ]),
      `/q/${token}/cam-on?lng=vi`,
    );
    // The id is compared case-insensitively (the token signs it in lower case).
    const upper = uuid(7).toUpperCase();
    expectRedirect(
      await post(token, [
        ["_rid", upper],
        ["TONG_THE", "3"],
        ["_t", signPageToken(SECRET, uuid(7), Date.now())],
      ]),
      `/q/${token}/cam-on?lng=vi`,
    );
    expect(storedCounts(s.db)).toEqual(before);
    expect(before).toEqual({ responses: 1, answers: 1, conflicts: 0 });
  });

  it("a post without a page, or with an id its token does not sign, stores nothing: the choices come back on a new page", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const posts: [string, string][][] = [
      [["TONG_THE", "3"]],
      [
        ["_rid", "'; drop table responses; --"],
        ["TONG_THE", "2"],
      ],
      [
        ["_rid", uuid(1)],
        ["TONG_THE", "2"],
        ["_t", signPageToken(SECRET, uuid(2), Date.now())],
      ],
      [
        ["_rid", uuid(1)],
        ["TONG_THE", "2"],
        ["_t", signPageToken("another-secret".repeat(3), uuid(1), Date.now())],
      ],
      [
        ["_rid", uuid(1)],
        ["TONG_THE", "2"],
        ["_t", signPageToken(SECRET, uuid(1), Date.now() - 25 * 3_600_000)],
      ],
    ];
    for (const entries of posts) {
      const data = expectData(await post(token, entries), 400) as unknown as {
        rid: string;
        pageToken: string;
        values: Record<string, string[]>;
        errors: Record<string, string>;
      };
      expect(data.errors._form).toMatch(/bấm «Gửi đánh giá» lần nữa/);
      expect(data.values.TONG_THE).toEqual(entries.find(([k]) => k === "TONG_THE")!.slice(1));
      // One more press sends the same choice from the new page.
      expectRedirect(
        await post(token, [
          ["_rid", data.rid],
          ["_t", data.pageToken],
          ["TONG_THE", data.values.TONG_THE![0]!],
        ]),
        `/q/${token}/cam-on?lng=vi`,
      );
    }
    expect(storedResponses(s.db)).toHaveLength(posts.length);
  });

  it("replaying one page's token 50 times stores one rating; every replay is acknowledged", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const page = expectData(await load(token), 200) as unknown as { rid: string; pageToken: string };
    for (let i = 0; i < 50; i++) {
      expectRedirect(
        await post(token, [
          ["_rid", page.rid],
          ["_t", page.pageToken],
          ["TONG_THE", String(1 + (i % 3))],
        ]),
        `/q/${token}/cam-on?lng=vi`,
      );
    }
    expect(storedCounts(s.db)).toEqual({ responses: 1, answers: 1, conflicts: 0 });
    expect(storedAnswers(s.db, storedResponses(s.db)[0]!.id)).toEqual([{ question: "TONG_THE", code: 1, text: null }]);
  });

  it("a language link keeps the page: a signed `r`/`t` is the same rating id again; anything else is a new page", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const t = encodeURIComponent(signPageToken(SECRET, uuid(7), Date.now()));
    const kept = expectData(await load(token, `?lng=en&r=${uuid(7)}&t=${t}`), 200) as unknown as { rid: string; pageToken: string; locale: string };
    expect(kept).toMatchObject({ rid: uuid(7), locale: "en" });
    expect(kept.pageToken).toBe(decodeURIComponent(t));
    // An id the token does not sign (or no token) is not taken: a new page, as without the link.
    for (const query of [`?lng=en&r=${uuid(8)}&t=${t}`, `?lng=en&r=${uuid(7)}`, `?lng=en&r=x&t=${t}`]) {
      const fresh = expectData(await load(token, query), 200) as unknown as { rid: string };
      expect(fresh.rid).not.toBe(uuid(7));
      expect(fresh.rid).not.toBe(uuid(8));
    }
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("switches language without storing: `_lang` echoes the values and sets the cookie", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const outcome = await post(
      token,
      [
        ["_rid", uuid(1)],
        ["TONG_THE", "3"],
        ["Y_KIEN", "Đang viết dở"],
        ["_lang", "en"],
      ],
      "?lng=en",
    );
    const data = expectData(outcome, 200);
    expect(outcome.thrown).toBe(false);
    expect(data).toEqual({
      rid: uuid(1),
      pageToken: expect.any(String),
      values: { _rid: [uuid(1)], TONG_THE: ["3"], Y_KIEN: ["Đang viết dở"], _lang: ["en"], _t: [expect.any(String)] },
      errors: {},
    });
    expect(outcome.kind === "data" && outcome.headers.get("Set-Cookie")).toMatch(/^lng=en;/);
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("answers 404 to a post for an unknown counter, storing nothing", async () => {
    const s = routeServices();
    const outcome = await post("AAAAAAAAAAAAAAAAAAAAAA", [
      ["_rid", uuid(1)],
      ["TONG_THE", "3"],
    ]);
    expect(outcome).toMatchObject({ thrown: true, kind: "response", status: 404 });
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("stores the field chosen at a counter serving several fields (or none when not chosen)", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "TTHCC-Q01");
    expectRedirect(
      await post(token, [
        ["_rid", uuid(1)],
        ["TONG_THE", "3"],
        ["_field", "MOI_TRUONG"],
      ]),
      `/q/${token}/cam-on?lng=vi`,
    );
    expectRedirect(
      await post(token, [
        ["_rid", uuid(2)],
        ["TONG_THE", "2"],
      ]),
      `/q/${token}/cam-on?lng=vi`,
    );
    expect(storedResponses(s.db).map((r) => [r.uuid, r.agency, r.counter, r.field])).toEqual([
      [uuid(1), "TTHCC", "TTHCC-Q01", "MOI_TRUONG"],
      [uuid(2), "TTHCC", "TTHCC-Q01", null],
    ]);
  });

  it("refuses a field the counter does not serve with a message on `_field`", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "TTHCC-Q01");
    // A field code that does not exist at all: nothing is stored.
    const unknown = expectData(
      await post(token, [
        ["_rid", uuid(1)],
        ["TONG_THE", "3"],
        ["_field", "KHONG_CO"],
      ]),
      400,
    );
    expect(unknown.errors._field).toBe("Lĩnh vực không hợp lệ.");
    expect(unknown.values._field).toEqual(["KHONG_CO"]);
    expect(storedCounts(s.db)).toEqual(NOTHING);
    // A real field (TTHCC-Q02 serves XAY_DUNG) that this counter does not serve.
    const other = expectData(
      await post(token, [
        ["_rid", uuid(2)],
        ["TONG_THE", "3"],
        ["_field", "XAY_DUNG"],
      ]),
      400,
    );
    expect(other.errors).toEqual({ _field: "Lĩnh vực không hợp lệ." });
  });

  it("refuses a real field the counter does not serve (400) and stores nothing", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "TTHCC-Q01");
    await post(token, [
      ["_rid", uuid(1)],
      ["TONG_THE", "3"],
      ["_field", "XAY_DUNG"],
    ]);
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });

  it("an unknown `_field` gives one error, not a second one under `field`", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "TTHCC-Q01");
    const data = expectData(
      await post(token, [
        ["_rid", uuid(1)],
        ["TONG_THE", "3"],
        ["_field", "KHONG_CO"],
      ]),
      400,
    );
    expect(Object.keys(data.errors)).toEqual(["_field"]);
  });

  it("a `_rid` of 36 hex digits without dashes is answered with a new page, not refused forever", async () => {
    const s = routeServices();
    const token = tokenOf(s.db, "SO_YT-Q01");
    const data = expectData(
      await post(token, [
        ["_rid", "0123456789abcdef0123456789abcdef0123"],
        ["TONG_THE", "3"],
      ]),
      400,
    );
    expect(data.rid).toMatch(/^[0-9a-f-]{36}$/);
    expect(storedCounts(s.db)).toEqual(NOTHING);
  });
});
