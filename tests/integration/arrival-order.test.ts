/**
 * The order within an hour is not exposed (issue 16, finding 3). QR and kiosk times are cut to the hour so that
 * the n-th rating of an hour cannot be matched with a counter's queue log; but the raw-response CSV listed rows
 * by row id (the order of arrival), comment lists were ordered by it, and a comment's address was its row id.
 * Now the CSV and the lists order an hour by the responses' UUIDs (random), and a comment is addressed by an
 * opaque public reference; no row id reaches a page.
 */
import { afterEach, describe, expect, it } from "vitest";

import { csvExport } from "../../app/report/csv.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { idOfRef, publicRef } from "../../app/responses/public-ref.server";
import { loader as agencyLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as commentLoader } from "../../app/routes/quan-tri.gop-y.$id";
import { loader as listLoader } from "../../app/routes/quan-tri.gop-y._index";
import { provideServices } from "../../app/services.server";
import { ratingBody, uuid } from "../support/bodies";
import { settle } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, get, staff } from "../support/staff";
import { realDefinitions } from "../support/surveys";

const SECRET = "bí-mật-thử-nghiệm-thứ-tự-0123456789abcdefghij";
const N = 10;
/** The i-th arrival gets the UUID of rank (3·i mod 10): their order is neither arrival nor its reverse. */
const rankOf = (i: number) => (3 * i) % N;
const comment = (i: number) => `Ý kiến đến thứ ${i}`;

afterEach(() => provideServices(undefined));

function tenInOneHour() {
  const s = providedDemoServices(SECRET);
  const ids: number[] = [];
  for (let i = 0; i < N; i++) {
    const body = ratingBody({
      id: uuid(1000 + rankOf(i)),
      channel: "qr",
      submittedAt: `2026-08-14T09:${String(5 * i).padStart(2, "0")}:00+07:00`,
      answers: { TONG_THE: 3, Y_KIEN: comment(i) },
    });
    const result = ingestResponse(s.db, s.surveys, body, { source: "test" });
    if (result.status !== "created") throw new Error(JSON.stringify(result));
    ids.push(result.responseId);
  }
  // The premise: one stored time for the whole hour, ids in arrival order.
  expect(new Set(s.db.$client.prepare("select submitted_at from responses").pluck().all()).size).toBe(1);
  expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  return { ...s, ids, admin: staff(s.db, SECRET, "admin") };
}

/** Arrivals (0…9) in the order of their UUIDs: what every list must show within the hour. */
const byUuid = Array.from({ length: N }, (_, i) => i).sort((a, b) => rankOf(a) - rankOf(b));

async function csvComments(file: string): Promise<string[]> {
  const { stream } = csvExport(
    file,
    realDefinitions().find((d) => d.id === "danh-gia-ho-so")!,
    {
      survey: "danh-gia-ho-so",
      from: "2026-08-01",
      to: "2026-08-31",
    },
  );
  const text = await new Response(stream).text();
  return text
    .split("\r\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => /Ý kiến đến thứ \d+/.exec(line)![0]);
}

describe("the order of arrival within an hour", () => {
  it("the raw-response CSV lists an hour by UUID, not by arrival", async () => {
    const { db } = tenInOneHour();
    expect(await csvComments(db.$client.name)).toEqual(byUuid.map(comment));
  });

  it("the comments list and the agency page's comments order an hour by UUID, not by arrival", async () => {
    const { admin } = tenInOneHour();
    const listed = await settle(() => listLoader(args(get("/quan-tri/gop-y?survey=danh-gia-ho-so&period=2026-08", admin))));
    const rows = listed.kind === "data" ? (listed.data.list as { rows: { text: string }[] }).rows : [];
    expect(rows.map((r) => r.text)).toEqual(byUuid.map(comment));
    const page = await settle(() =>
      agencyLoader(args(get("/quan-tri/co-quan/TTHCC?survey=danh-gia-ho-so&period=2026-08", admin), { code: "TTHCC" })),
    );
    const drill = page.kind === "data" ? (page.data.comments as { rows: { text: string }[] }).rows : [];
    expect(drill.map((r) => r.text)).toEqual(byUuid.map(comment));
  });

  it("a comment is addressed by an opaque reference; no row id reaches the page; a row id in the address is not found", async () => {
    const { admin, ids } = tenInOneHour();
    const listed = await settle(() => listLoader(args(get("/quan-tri/gop-y?survey=danh-gia-ho-so&period=2026-08", admin))));
    const rows = listed.kind === "data" ? (listed.data.list as { rows: Record<string, unknown>[] }).rows : [];
    for (const row of rows) {
      expect(row).not.toHaveProperty("id");
      expect(row.ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(idOfRef(SECRET, row.ref as string)).toBe(ids[Number(/\d+$/.exec(row.text as string)![0])]);
    }
    // References of consecutive rows share nothing an observer could order by.
    const refs = ids.map((id) => publicRef(SECRET, id));
    expect([...refs].sort()).not.toEqual(refs);
    expect(new Set(refs.map((r) => r.slice(0, 4))).size).toBe(N);
    const page = await settle(() =>
      agencyLoader(args(get("/quan-tri/co-quan/TTHCC?survey=danh-gia-ho-so&period=2026-08", admin), { code: "TTHCC" })),
    );
    for (const row of page.kind === "data" ? (page.data.comments as { rows: Record<string, unknown>[] }).rows : [])
      expect(row).not.toHaveProperty("id");

    const open = (param: string) => settle(() => commentLoader(args(get(`/quan-tri/gop-y/${param}`, admin), { id: param })));
    const opened = await open(refs[4]!);
    expect(opened.status).toBe(200);
    expect(opened.kind === "data" && opened.data.comment).toMatchObject({ ref: refs[4], text: comment(4) });
    expect(opened.kind === "data" && opened.data.comment).not.toHaveProperty("id");
    expect((await open(String(ids[4]))).status).toBe(404);
    // A reference made with another secret, or altered, is not found either.
    expect((await open(publicRef("một-bí-mật-khác-0123456789abcdefghijklmnop", ids[4]!))).status).toBe(404);
    expect((await open(`${refs[4]!.slice(0, 21)}${refs[4]!.endsWith("A") ? "B" : "A"}`)).status).toBe(404);
  });
});
