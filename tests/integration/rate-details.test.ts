/**
 * The QR vote and its details (docs/decisions/0016): the vote is stored by the first post; the thank-you page
 * asks only what the rating does not hold yet and adds it to the same response. Route loaders and actions on a
 * real SQLite file.
 */
import { afterEach, describe, expect, it } from "vitest";

import { readEnv } from "../../app/env.server";
import { rebuildRollups, ROLLUP_TABLES } from "../../app/results/rollups.server";
import { action as voteAction } from "../../app/routes/q.$token";
import { action as detailsAction, loader as detailsLoader } from "../../app/routes/q.$token_.cam-on";
import { signPageToken } from "../../app/security/page-token.server";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { uuid } from "../support/bodies";
import { settle } from "../support/route";
import { demoServices, storedAnswers, storedCounts, storedResponses } from "../support/services";

afterEach(() => provideServices(undefined));

const SECRET = "d".repeat(40);

function setup() {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: SECRET });
  const token = (code: string) => (s.db.$client.prepare("select token from counters where code = ?").get(code) as { token: string }).token;
  return { ...s, token };
}

/** Votes with rating id `n` and returns the thank-you page's address the vote was redirected to. */
async function vote(token: string, n: number, entries: [string, string][] = [["TONG_THE", "1"]]): Promise<string> {
  const body = new URLSearchParams([["_rid", uuid(n)], ["_t", signPageToken(SECRET, uuid(n), Date.now())], ...entries]);
  const outcome = await settle(() =>
    voteAction({ request: new Request(`http://test/q/${token}?lng=vi`, { method: "POST", body }), params: { token }, context: {} }),
  );
  expect(outcome).toMatchObject({ kind: "response", status: 303 });
  return (outcome as { response: Response }).response.headers.get("Location")!;
}

type Details = { missing: { field: boolean; questions: string[]; dossier: boolean }; query: string } | null;

async function page(token: string, location: string): Promise<Details> {
  const outcome = await settle(() => detailsLoader({ request: new Request(`http://test${location}`), params: { token }, context: {} }));
  expect(outcome.kind).toBe("data");
  return (outcome as unknown as { data: { details: Details } }).data.details;
}

function send(token: string, location: string, entries: [string, string][]) {
  const request = new Request(`http://test${location}`, { method: "POST", body: new URLSearchParams(entries) });
  return settle(() => detailsAction({ request, params: { token }, context: {} }));
}

function rollups(db: Db) {
  return Object.fromEntries(
    ROLLUP_TABLES.map((t) => [
      t,
      db.$client
        .prepare(`select * from ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

describe("the thank-you page of a QR vote", () => {
  it("asks what the vote lacks, adds the details to the same rating, then asks only what is still missing", async () => {
    const s = setup();
    const token = s.token("TTHCC-Q01");
    const location = await vote(token, 1);
    expect(location).toMatch(new RegExp(`^/q/${token}/cam-on\\?lng=vi&r=${uuid(1)}&t=`));
    expect(storedResponses(s.db)).toMatchObject([{ uuid: uuid(1), field: null }]);
    expect(await page(token, location)).toMatchObject({
      missing: { field: true, questions: ["THUAN_TIEN", "DUNG_HAN", "THAI_DO", "Y_KIEN"], dossier: true },
    });

    // The overall rating cannot be changed from here; what is asked is added.
    const sent = await send(token, location, [
      ["_field", "MOI_TRUONG"],
      ["THAI_DO", "1"],
      ["Y_KIEN", "Chờ lâu"],
      ["TONG_THE", "3"],
    ]);
    expect(sent).toMatchObject({ kind: "response", status: 303 });
    expect((sent as { response: Response }).response.headers.get("Location")).toBe(`/q/${token}/cam-on?lng=vi&xong=1`);
    const [row] = storedResponses(s.db);
    expect(storedResponses(s.db)).toHaveLength(1);
    expect(row).toMatchObject({ uuid: uuid(1), field: "MOI_TRUONG", channel: "qr" });
    expect(storedAnswers(s.db, row!.id)).toEqual([
      { question: "THAI_DO", code: 1, text: null },
      { question: "TONG_THE", code: 1, text: null },
      { question: "Y_KIEN", code: null, text: "Chờ lâu" },
    ]);
    expect(await page(token, location)).toMatchObject({ missing: { field: false, questions: ["THUAN_TIEN", "DUNG_HAN"], dossier: true } });
    const kept = rollups(s.db);
    rebuildRollups(s.db);
    expect(rollups(s.db)).toEqual(kept);

    // The final page asks nothing.
    expect(await page(token, `/q/${token}/cam-on?lng=vi&xong=1`)).toBeNull();
  });

  it("a vote that sent everything at once (the old one-page form) has nothing left to ask", async () => {
    const s = setup();
    const token = s.token("SO_YT-Q01");
    const location = await vote(token, 2, [
      ["TONG_THE", "3"],
      ["THUAN_TIEN", "3"],
      ["DUNG_HAN", "2"],
      ["THAI_DO", "3"],
      ["Y_KIEN", "Tốt"],
      ["_dossier", "HS-2026-9"],
    ]);
    expect(await page(token, location)).toBeNull();
    expect(storedCounts(s.db).responses).toBe(1);
  });

  it("an altered or expired link, or another counter's rating: the plain thanks, and a post changes nothing", async () => {
    const s = setup();
    const token = s.token("TTHCC-Q01");
    await vote(token, 3);
    const other = s.token("TTHCC-Q02");
    const before = { responses: storedResponses(s.db), counts: storedCounts(s.db) };
    const links = [
      `/q/${token}/cam-on?lng=vi&r=${uuid(3)}&t=${signPageToken(SECRET, uuid(4), Date.now())}`,
      `/q/${token}/cam-on?lng=vi&r=${uuid(3)}&t=${signPageToken(SECRET, uuid(3), Date.now() - 25 * 3_600_000)}`,
      `/q/${token}/cam-on?lng=vi&r=not-an-id&t=x`,
    ];
    for (const link of links) {
      expect(await page(token, link)).toBeNull();
      expect(await send(token, link, [["THAI_DO", "3"]])).toMatchObject({ kind: "response", status: 303 });
    }
    const good = `/q/${token}/cam-on?lng=vi&r=${uuid(3)}&t=${signPageToken(SECRET, uuid(3), Date.now())}`;
    expect(await page(other, good.replace(token, other))).toBeNull();
    expect(await send(other, good.replace(token, other), [["THAI_DO", "3"]])).toMatchObject({ kind: "response", status: 303 });
    expect({ responses: storedResponses(s.db), counts: storedCounts(s.db) }).toEqual(before);
  });

  it("a dossier code already rated: said beside the code, nothing of the details stored; without it they are", async () => {
    const s = setup();
    const token = s.token("SO_YT-Q01");
    await vote(token, 5, [
      ["TONG_THE", "3"],
      ["_dossier", "HS-2026-1"],
    ]);
    const location = await vote(token, 6);
    const refused = await send(token, location, [
      ["THAI_DO", "2"],
      ["_dossier", "hs-2026-1"],
    ]);
    expect(refused).toMatchObject({ kind: "data", status: 409 });
    expect((refused as unknown as { data: { errors: Record<string, string> } }).data.errors._dossier).toMatch(/đã được đánh giá trước đó/);
    expect(storedCounts(s.db).answers).toBe(2);
    expect(
      await send(token, location, [
        ["THAI_DO", "2"],
        ["_dossier", ""],
      ]),
    ).toMatchObject({ kind: "response", status: 303 });
    expect(storedCounts(s.db)).toEqual({ responses: 2, answers: 3, conflicts: 0 });
  });

  it("refuses a comment over the limit beside it, keeping what was typed", async () => {
    const s = setup();
    const token = s.token("SO_YT-Q01");
    const location = await vote(token, 7);
    const refused = await send(token, location, [["Y_KIEN", "x".repeat(1001)]]);
    expect(refused).toMatchObject({ kind: "data", status: 400 });
    expect((refused as unknown as { data: { errors: Record<string, string> } }).data.errors.Y_KIEN).toMatch(/dài quá 1000 ký tự/);
    expect(storedCounts(s.db).answers).toBe(1);
  });
});
