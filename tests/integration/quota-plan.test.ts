/**
 * Quotas from the sample-size rule (docs/method.md §4.9) on the supervisor screen, against a real SQLite
 * file: dossiers imported with the real importer, the loader's proposed n per agency and per field equal
 * app/method/sample.ts applied to the counts, and one POST (admin, CSRF) makes the assignments with exactly
 * those quotas, audited; refusals change nothing.
 */
import { afterEach, describe, expect, it } from "vitest";

import { importDossiers } from "../../app/dossiers/import.server";
import { allocate, sampleSize } from "../../app/method/sample";
import { action, loader } from "../../app/routes/quan-tri.giam-sat";
import { provideServices } from "../../app/services.server";
import type { Db } from "../../db/client";
import { addUser, CSRF, CSRF_COOKIE, fieldServices, HTTP, SECRET, sessionCookie } from "../support/field";
import { settle } from "../support/route";

afterEach(() => provideServices(undefined));

const HEADER = "code,agency,field,procedure,returned";
// SO_YT: 300 dossiers in one field; TTHCC: 100 + 50 + 7 without a field; one dossier outside the period.
const CSV = [
  HEADER,
  ...Array.from({ length: 300 }, (_, i) => `YT-${1000 + i},SO_YT,Y_TE,,2026-08-${String(1 + (i % 28)).padStart(2, "0")}`),
  ...Array.from({ length: 100 }, (_, i) => `DD-${1000 + i},TTHCC,DAT_DAI,,2026-08-15`),
  ...Array.from({ length: 50 }, (_, i) => `MT-${1000 + i},TTHCC,MOI_TRUONG,,2026-08-20`),
  ...Array.from({ length: 7 }, (_, i) => `XX-${1000 + i},TTHCC,,,2026-08-21`),
  "YT-9999,SO_YT,Y_TE,,2026-09-02",
].join("\n");

function setup() {
  const s = fieldServices();
  expect(importDossiers(s.db, SECRET, CSV)).toMatchObject({ ok: true, created: 458 });
  const admin = addUser(s.db, "giam-sat", "admin");
  const surveyor = addUser(s.db, "dtv-1", "surveyor");
  const cookie = `sipas_csrf=${CSRF_COOKIE}; ${sessionCookie(s.db, admin)}`;
  return { db: s.db, admin, surveyor, cookie };
}

async function load(cookie: string, query: string) {
  const outcome = await settle(() =>
    loader({ request: new Request(`${HTTP}/quan-tri/giam-sat?${query}`, { headers: { cookie } }), params: {}, context: {} }),
  );
  return outcome;
}

function post(cookie: string, fields: [string, string][], csrf: string | null = CSRF) {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set("csrf", csrf);
  return settle(() =>
    action({ request: new Request(`${HTTP}/quan-tri/giam-sat`, { method: "POST", body, headers: { cookie } }), params: {}, context: {} }),
  );
}

const assignments = (db: Db) =>
  db.$client
    .prepare(
      `select u.username, a.code as agency, f.code as field, s.quota, s.from_day as "from", s.to_day as "to"
         from assignments s join users u on u.id = s.user_id join agencies a on a.id = s.agency_id left join fields f on f.id = s.field_id
        order by a.code, coalesce(f.code, '')`,
    )
    .all();

type Row = { key: string; agency: string; field: string | null; dossiers: number; sample: number };

describe("quotas proposed from dossier counts on /quan-tri/giam-sat", () => {
  it("proposes per agency and per field exactly what the method module computes", async () => {
    const { cookie } = setup();
    const byAgency = await load(cookie, "tu=2026-08-01&den=2026-08-31");
    if (byAgency.kind !== "data") throw new Error("expected loader data");
    const agencies = (byAgency.data.proposal as { rows: Row[]; dossiers: number; sample: number }).rows;
    const yt = sampleSize(300);
    const tthcc = sampleSize(157);
    expect(agencies.map((r) => [r.key, r.dossiers, r.sample])).toEqual([
      ["SO_YT", 300, yt],
      ["TTHCC", 157, tthcc],
    ]);
    // The rule itself, so a change of the method module cannot silently pass: ⌈300/1.75⌉, ⌈157/1.3925⌉.
    expect([yt, tthcc]).toEqual([172, 113]);

    const byField = await load(cookie, "tu=2026-08-01&den=2026-08-31&theo=linh-vuc");
    if (byField.kind !== "data") throw new Error("expected loader data");
    const fields = (byField.data.proposal as { rows: Row[] }).rows;
    const split = allocate(tthcc, [
      { key: "", size: 7 },
      { key: "DAT_DAI", size: 100 },
      { key: "MOI_TRUONG", size: 50 },
    ]);
    expect(fields.map((r) => [r.key, r.field, r.dossiers, r.sample])).toEqual([
      ["SO_YT|Y_TE", "Y_TE", 300, yt],
      ["TTHCC|", null, 7, split[""]],
      ["TTHCC|DAT_DAI", "DAT_DAI", 100, split.DAT_DAI],
      ["TTHCC|MOI_TRUONG", "MOI_TRUONG", 50, split.MOI_TRUONG],
    ]);
    expect(fields.filter((r) => r.agency === "TTHCC").reduce((a, r) => a + r.sample, 0)).toBe(tthcc);

    const bad = await load(cookie, "tu=2026-08-31&den=2026-08-01");
    if (bad.kind !== "data") throw new Error("expected loader data");
    expect(bad.data.proposal).toBeNull();
    expect(String(bad.data.planError)).toMatch(/Ngày bắt đầu .* ở sau ngày kết thúc/);
  });

  it("proposes with the margin the supervisor chose, and refuses a margin not on the list", async () => {
    const { cookie } = setup();
    const wide = await load(cookie, "tu=2026-08-01&den=2026-08-31&sai-so=0.1");
    if (wide.kind !== "data") throw new Error("expected loader data");
    const rows = (wide.data.proposal as { rows: Row[]; margin: number }).rows;
    expect(wide.data.margin).toBe(0.1);
    expect(rows.map((r) => [r.key, r.sample])).toEqual([
      ["SO_YT", sampleSize(300, 0.1)],
      ["TTHCC", sampleSize(157, 0.1)],
    ]);
    // ⌈300/4⌉ and ⌈157/2.57⌉: fewer interviews than at e = 0.05 (172 and 113).
    expect(rows.map((r) => r.sample)).toEqual([75, 62]);

    const off = await load(cookie, "tu=2026-08-01&den=2026-08-31&sai-so=0.2");
    if (off.kind !== "data") throw new Error("expected loader data");
    expect(off.data.proposal).toBeNull();
    expect(String(off.data.planError)).toMatch(/Sai số cho phép phải là một trong các mức 3%, 5%, 7% hoặc 10%/);
  });

  it("assigns with the chosen margin's quotas; a margin not on the list is refused and nothing changes", async () => {
    const { db, surveyor, cookie } = setup();
    const fields = (margin: string): [string, string][] => [
      ["intent", "plan"],
      ["userId", String(surveyor)],
      ["survey", "sipas"],
      ["level", "agency"],
      ["margin", margin],
      ["from", "2026-08-01"],
      ["to", "2026-08-31"],
      ["workFrom", "2026-09-01"],
      ["workTo", "2026-09-30"],
      ["pick", "SO_YT"],
    ];
    const refused = await post(cookie, fields("0.5"));
    expect(refused).toMatchObject({ kind: "data", status: 400, data: { ok: false, message: expect.stringMatching(/Sai số cho phép/) } });
    expect(assignments(db)).toEqual([]);
    const done = await post(cookie, fields("0.07"));
    expect(done).toMatchObject({ kind: "data", status: 200, data: { ok: true } });
    expect(assignments(db)).toEqual([
      { username: "dtv-1", agency: "SO_YT", field: null, quota: sampleSize(300, 0.07), from: "2026-09-01", to: "2026-09-30" },
    ]);
    const log = db.$client.prepare("select details from audit_log where action = 'assignment.plan'").all() as { details: string }[];
    expect(JSON.parse(log[0]!.details)).toMatchObject({ margin: 0.07, quotas: [{ agency: "SO_YT", quota: sampleSize(300, 0.07) }] });
  });

  it("assigns the ticked rows with the proposed quotas in one audited action", async () => {
    const { db, surveyor, cookie } = setup();
    const fields: [string, string][] = [
      ["intent", "plan"],
      ["userId", String(surveyor)],
      ["survey", "sipas"],
      ["level", "field"],
      ["from", "2026-08-01"],
      ["to", "2026-08-31"],
      ["workFrom", "2026-09-01"],
      ["workTo", "2026-09-30"],
      ["pick", "TTHCC|DAT_DAI"],
      ["pick", "TTHCC|MOI_TRUONG"],
      ["pick", "SO_YT|Y_TE"],
    ];
    const done = await post(cookie, fields);
    expect(done).toMatchObject({ kind: "data", status: 200, data: { ok: true } });
    const split = allocate(sampleSize(157), [
      { key: "", size: 7 },
      { key: "DAT_DAI", size: 100 },
      { key: "MOI_TRUONG", size: 50 },
    ]);
    const period = { from: "2026-09-01", to: "2026-09-30" };
    expect(assignments(db)).toEqual([
      { username: "dtv-1", agency: "SO_YT", field: "Y_TE", quota: sampleSize(300), ...period },
      { username: "dtv-1", agency: "TTHCC", field: "DAT_DAI", quota: split.DAT_DAI, ...period },
      { username: "dtv-1", agency: "TTHCC", field: "MOI_TRUONG", quota: split.MOI_TRUONG, ...period },
    ]);
    const log = db.$client.prepare("select action, details from audit_log where action = 'assignment.plan'").all() as {
      action: string;
      details: string;
    }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.details)).toMatchObject({
      level: "field",
      from: "2026-08-01",
      to: "2026-08-31",
      quotas: expect.arrayContaining([{ agency: "SO_YT", field: "Y_TE", quota: 172 }]),
    });
  });

  it("refuses without CSRF, for non-admins, for a row not in the proposal and for a bad period; nothing changes", async () => {
    const { db, surveyor, cookie } = setup();
    const base: [string, string][] = [
      ["intent", "plan"],
      ["userId", String(surveyor)],
      ["survey", "sipas"],
      ["level", "agency"],
      ["from", "2026-08-01"],
      ["to", "2026-08-31"],
      ["workFrom", "2026-09-01"],
      ["workTo", "2026-09-30"],
      ["pick", "SO_YT"],
    ];
    expect(await post(cookie, base, null)).toMatchObject({ kind: "response", status: 403 });
    const head = addUser(db, "thu-truong", "agency", "TTHCC");
    const headCookie = `sipas_csrf=${CSRF_COOKIE}; ${sessionCookie(db, head)}`;
    expect(await post(headCookie, base)).toMatchObject({ kind: "response", status: 403 });
    const foreign = await post(cookie, [...base.slice(0, -1), ["pick", "SO_YT"], ["pick", "KHONG_CO"]]);
    expect(foreign).toMatchObject({ status: 400, data: { ok: false, message: expect.stringMatching(/không có trong đề xuất/) } });
    const reversed = await post(
      cookie,
      base.map(([k, v]) => [k, k === "from" ? "2026-09-15" : v] as [string, string]),
    );
    expect(reversed).toMatchObject({ status: 400, data: { message: expect.stringMatching(/ở sau ngày kết thúc/) } });
    const none = await post(
      cookie,
      base.filter(([k]) => k !== "pick"),
    );
    expect(none).toMatchObject({ status: 400, data: { message: expect.stringMatching(/Chọn ít nhất một dòng/) } });
    // A non-surveyor as the assignee fails inside the transaction: no partial set of assignments.
    const wrongUser = await post(
      cookie,
      base.map(([k, v]) => [k, k === "userId" ? String(head) : v] as [string, string]).concat([["pick", "TTHCC"]]),
    );
    expect(wrongUser).toMatchObject({ status: 400, data: { message: expect.stringMatching(/khảo sát viên/) } });
    expect(assignments(db)).toEqual([]);
    expect(db.$client.prepare("select count(*) as n from audit_log where action like 'assignment.%'").get()).toEqual({ n: 0 });
  });
});
