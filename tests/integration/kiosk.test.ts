/**
 * The kiosk's server side on a real SQLite file: pairing codes (hashed, single use, expiring, rate-limited),
 * the config endpoint, unpairing (the next sync is refused at once), the daily cap per kiosk key (a replay is
 * still acknowledged), PINs, and figures per officer visible only to their agency's head and to admins.
 */
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createSession } from "../../app/auth/session.server";
import type { UserRole } from "../../app/auth/roles";
import { readEnv } from "../../app/env.server";
import { createPairingCode, redeemPairingCode, unpairDevice } from "../../app/kiosk/pairing.server";
import { createOfficer } from "../../app/kiosk/officers.server";
import { action as pairAction } from "../../app/routes/api.v1.kiosk.pair";
import { loader as configLoader } from "../../app/routes/api.v1.kiosk.config";
import { action as pinAction } from "../../app/routes/api.v1.kiosk.pin";
import { action as responsesAction } from "../../app/routes/api.v1.responses";
import { loader as officersLoader } from "../../app/routes/quan-tri.can-bo";
import { provideServices } from "../../app/services.server";
import { resetRateLimits } from "../../app/security/rate-limit.server";
import type { Db } from "../../db/client";
import { settle } from "../support/route";
import { demoServices } from "../support/services";

const SECRET = "bí-mật-thử-nghiệm-kiosk-0123456789abcdefghij";
const HTTP = "http://test";
const COUNTER = "TTHCC-Q02";
let db: Db;

beforeEach(() => {
  const s = demoServices();
  db = s.db;
  resetRateLimits();
  provideServices({
    env: readEnv({ DATABASE_PATH: s.db.$client.name, KIOSK_DAILY_CAP: "3" } as never),
    db: s.db,
    surveys: s.surveys,
    secret: SECRET,
  });
});
afterEach(() => provideServices(undefined));

const idOf = (table: "agencies" | "counters" | "fields", code: string) =>
  (db.$client.prepare(`select id from ${table} where code = ?`).get(code) as { id: number }).id;

function addUser(role: UserRole, agency?: string): string {
  const info = db.$client
    .prepare("insert into users (username, display_name, role, agency_id, password_hash, created_at) values (?, ?, ?, ?, ?, ?)")
    .run(`${role}-${crypto.randomBytes(3).toString("hex")}`, role, role, agency ? idOf("agencies", agency) : null, "scrypt$1024$8$1$x$y", Date.now());
  return createSession(db, SECRET, new Request(`${HTTP}/dang-nhap`), Number(info.lastInsertRowid)).split(";")[0]!;
}

async function pairKiosk(counter = COUNTER): Promise<{ key: string; deviceId: number }> {
  const admin = db.$client.prepare("select id from users limit 1").get() as { id: number } | undefined;
  const { code } = createPairingCode(db, { secret: SECRET, counterId: idOf("counters", counter), userId: admin?.id ?? (null as never) });
  const response = await pairAction({
    request: new Request(`${HTTP}/api/v1/kiosk/pair`, {
      method: "POST",
      body: JSON.stringify({ code: `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase(), deviceUuid: crypto.randomUUID() }),
    }),
    context: { clientAddress: "10.0.0.1" },
    params: {},
  } as never);
  expect(response.status).toBe(201);
  const json = (await response.json()) as { apiKey: string; deviceId: number };
  return { key: json.apiKey, deviceId: json.deviceId };
}

const rating = (overrides: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  survey: "danh-gia-ho-so",
  agency: "TTHCC",
  counter: COUNTER,
  channel: "kiosk",
  submittedAt: new Date().toISOString(),
  locale: "vi",
  answers: { TONG_THE: 3, THUAN_TIEN: 2 },
  ...overrides,
});

async function post(key: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = (await responsesAction({
    request: new Request(`${HTTP}/api/v1/responses`, { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify(body) }),
    context: {},
    params: {},
  } as never)) as Response;
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("pairing", () => {
  it("redeems a code once for a counter-bound kiosk key; only a keyed hash of the code is stored", async () => {
    const counterId = idOf("counters", COUNTER);
    const { code } = createPairingCode(db, { secret: SECRET, counterId, userId: null as never });
    const stored = db.$client.prepare("select code_hash from pairing_codes").all() as { code_hash: string }[];
    expect(stored.map((r) => r.code_hash).join()).not.toContain(code);
    const first = redeemPairingCode(db, { secret: SECRET, code, deviceUuid: crypto.randomUUID() });
    expect(first.ok).toBe(true);
    expect(redeemPairingCode(db, { secret: SECRET, code, deviceUuid: crypto.randomUUID() })).toEqual({ ok: false, reason: "used" });
    const key = db.$client.prepare("select kind, counter_id as counterId from api_keys order by id desc limit 1").get();
    expect(key).toEqual({ kind: "kiosk", counterId });
  });

  it("refuses an expired or unknown code and stores nothing", () => {
    const now = Date.now();
    const { code } = createPairingCode(db, { secret: SECRET, counterId: idOf("counters", COUNTER), userId: null as never, now: now - 11 * 60_000 });
    const devices = () => (db.$client.prepare("select count(*) as n from devices").get() as { n: number }).n;
    expect(redeemPairingCode(db, { secret: SECRET, code, deviceUuid: crypto.randomUUID(), now })).toEqual({ ok: false, reason: "expired" });
    expect(redeemPairingCode(db, { secret: SECRET, code: "ZZZZ-ZZZZ", deviceUuid: crypto.randomUUID(), now })).toEqual({
      ok: false,
      reason: "invalidCode",
    });
    expect(devices()).toBe(0);
  });

  it("limits pairing attempts per client address (429 in Vietnamese)", async () => {
    const attempt = () =>
      pairAction({
        request: new Request(`${HTTP}/api/v1/kiosk/pair`, {
          method: "POST",
          body: JSON.stringify({ code: "AAAA-AAAA", deviceUuid: crypto.randomUUID() }),
        }),
        context: { clientAddress: "10.9.9.9" },
        params: {},
      } as never);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("a paired kiosk", () => {
  it("reads its config, sends ratings, and after unpairing is refused at once", async () => {
    const { key, deviceId } = await pairKiosk();
    const config = await settle(() =>
      configLoader({
        request: new Request(`${HTTP}/api/v1/kiosk/config`, { headers: { Authorization: `Bearer ${key}` } }),
        context: {},
        params: {},
      } as never),
    );
    expect(config.kind).toBe("response");
    const body = (await (config as { response: Response }).response.json()) as {
      counter: { code: string };
      limits: { dailyCap: number };
      survey: { id: string };
    };
    expect(body).toMatchObject({ counter: { code: COUNTER }, limits: { dailyCap: 3 }, survey: { id: "danh-gia-ho-so" } });
    expect((await post(key, { responses: [rating()] })).json).toMatchObject({ created: 1 });
    expect(unpairDevice(db, { deviceId, userId: null as never })).toBe(true);
    const refused = await settle(() => post(key, { responses: [rating()] }));
    expect(refused.status).toBe(401);
    expect(db.$client.prepare("select action from audit_log where action like 'kiosk.%' order by id").all()).toEqual([
      { action: "kiosk.pairingCode" },
      { action: "kiosk.paired" },
      { action: "kiosk.unpaired" },
    ]);
  });

  it("cannot send ratings for another counter", async () => {
    const { key } = await pairKiosk();
    const result = await post(key, { responses: [rating({ counter: "TTHCC-Q01" })] });
    expect(result.json).toMatchObject({ created: 0, rejected: 1 });
  });

  it("is held to its daily cap per Vietnam day on the server; a replay of a stored rating is still acknowledged", async () => {
    const { key } = await pairKiosk();
    const items = [rating(), rating(), rating(), rating()];
    const result = await post(key, { responses: items });
    expect(result.json).toMatchObject({ created: 3, rejected: 1 });
    const refused = (result.json.results as { status: number; result: string; error: string }[])[3]!;
    expect(refused).toMatchObject({ status: 403, result: "dailyCap" });
    expect(refused.error).toMatch(/đã nhận đủ 3 đánh giá/);
    expect((await post(key, { responses: items.slice(0, 1) })).json).toMatchObject({ duplicates: 1 });
    // Another day has its own count.
    const tomorrow = new Date(Date.now() - 86_400_000).toISOString();
    expect((await post(key, { responses: [rating({ submittedAt: tomorrow })] })).json).toMatchObject({ created: 1 });
  });

  it("also counts by the day the server received them: back-dated ratings cannot pass the cap; a backlog of 3 days' cap is taken", async () => {
    const { key } = await pairKiosk();
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    // Cap 3: a tablet offline for two days delivers three days' worth (9) at once.
    const backlog = [0, 1, 2].flatMap((d) => [
      rating({ submittedAt: daysAgo(d) }),
      rating({ submittedAt: daysAgo(d) }),
      rating({ submittedAt: daysAgo(d) }),
    ]);
    expect((await post(key, { responses: backlog })).json).toMatchObject({ created: 9, rejected: 0 });
    // More back-dated days on the same day of receipt: refused per item with a reason, so the tablet keeps them.
    const result = await post(key, { responses: [rating({ submittedAt: daysAgo(3) }), rating({ submittedAt: daysAgo(10) })] });
    expect(result.json).toMatchObject({ created: 0, rejected: 2 });
    const refused = (result.json.results as { status: number; result: string; error: string }[])[0]!;
    expect(refused).toMatchObject({ status: 403, result: "dailyCap" });
    expect(refused.error).toMatch(/đã gửi đủ 9 đánh giá trong hôm nay/);
    // A replay is still acknowledged.
    expect((await post(key, { responses: backlog.slice(0, 1) })).json).toMatchObject({ duplicates: 1 });
  });

  it("lists the counter's fields in its config, so a multi-field counter can ask which one", async () => {
    const { key } = await pairKiosk();
    const config = await settle(() =>
      configLoader({
        request: new Request(`${HTTP}/api/v1/kiosk/config`, { headers: { Authorization: `Bearer ${key}` } }),
        context: {},
        params: {},
      } as never),
    );
    const body = (await (config as { response: Response }).response.json()) as {
      counter: { field: string | null; fields: { code: string; name: string }[] };
    };
    expect(body.counter.field).toBeNull();
    expect(body.counter.fields.map((f) => f.code).sort()).toEqual(["GIAO_THONG", "XAY_DUNG"]);
    expect(body.counter.fields.every((f) => f.name.length > 0)).toBe(true);
  });

  it("takes a vote, then its details under the same id: one response (200 completed), not held to the cap again", async () => {
    const { key } = await pairKiosk();
    const vote = rating({ answers: { TONG_THE: 1 } });
    for (let i = 0; i < 2; i++) expect((await post(key, { responses: [rating()] })).json).toMatchObject({ created: 1 });
    expect((await post(key, { responses: [vote] })).json).toMatchObject({ created: 1 });
    // The cap (3) is reached; the details of a stored vote still go in.
    const details = { ...vote, field: "XAY_DUNG", answers: { TONG_THE: 1, THAI_DO: 1 } };
    const done = await post(key, { responses: [details] });
    expect(done.json).toMatchObject({ created: 0, completed: 1, rejected: 0, results: [{ status: 200, result: "completed" }] });
    const stored = db.$client
      .prepare("select r.field_id as f, count(a.question) as answers from responses r join answers a on a.response_id = r.id where r.uuid = ?")
      .get(vote.id);
    expect(stored).toEqual({ f: idOf("fields", "XAY_DUNG"), answers: 2 });
    expect((db.$client.prepare("select count(*) as n from responses").get() as { n: number }).n).toBe(3);
  });

  it("may only send kiosk ratings: another channel (whose times would be kept exact) is refused per item", async () => {
    const { key } = await pairKiosk();
    const result = await post(key, { responses: [rating({ channel: "surveyor" }), rating({ channel: "web" }), rating()] });
    expect(result.json).toMatchObject({ created: 1, rejected: 2 });
    const refused = (result.json.results as { status: number; result: string; error: string }[])[0]!;
    expect(refused).toMatchObject({ status: 403, result: "forbidden" });
    expect(refused.error).toContain("không được gửi phiếu kênh «surveyor»");
    expect(db.$client.prepare("select distinct channel from responses").all()).toEqual([{ channel: "kiosk" }]);
  });

  it("is refused new ratings once its counter is disabled; a replay of a stored one is still acknowledged", async () => {
    const { key } = await pairKiosk();
    const first = rating();
    expect((await post(key, { responses: [first] })).json).toMatchObject({ created: 1 });
    db.$client.prepare("update counters set active = 0 where code = ?").run(COUNTER);
    const result = await post(key, { responses: [rating(), first] });
    expect(result.json).toMatchObject({ created: 0, duplicates: 1, rejected: 1 });
    expect((result.json.results as { status: number; error: string }[])[0]).toMatchObject({
      status: 400,
      error: expect.stringContaining("đã ngừng nhận đánh giá"),
    });
  });

  it("refuses a body nested deeper than any response (400 in Vietnamese, not a crash); nothing stored", async () => {
    const { key } = await pairKiosk();
    const deep = `{"responses":[${"[".repeat(50_000)}${"]".repeat(50_000)}]}`;
    const response = (await responsesAction({
      request: new Request(`${HTTP}/api/v1/responses`, { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: deep }),
      context: {},
      params: {},
    } as never).catch((e: unknown) => e)) as Response;
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/lồng nhau quá sâu \(tối đa \d+ cấp\)/);
    const nestedAnswer = rating({ answers: { TONG_THE: 3, Y_KIEN: JSON.parse(`${"[".repeat(12)}${"]".repeat(12)}`) } });
    expect((await post(key, { responses: [nestedAnswer] })).json).toMatchObject({ created: 0, rejected: 1 });
    expect((db.$client.prepare("select count(*) as n from responses").get() as { n: number }).n).toBe(0);
  });

  it("checks an officer's PIN on the server", async () => {
    const { key } = await pairKiosk();
    const officer = await createOfficer(db, {
      agencyId: idOf("agencies", "TTHCC"),
      input: { name: "Cán bộ A", title: "", pin: "2468", counterIds: [idOf("counters", COUNTER)] },
      userId: null as never,
    });
    const check = async (pin: string) =>
      (
        (await pinAction({
          request: new Request(`${HTTP}/api/v1/kiosk/pin`, {
            method: "POST",
            headers: { Authorization: `Bearer ${key}` },
            body: JSON.stringify({ officer, pin }),
          }),
          context: {},
          params: {},
        } as never)) as Response
      ).status;
    expect(await check("1111")).toBe(403);
    expect(await check("2468")).toBe(200);
    expect(db.$client.prepare("select pin_hash from officers where id = ?").get(officer)).not.toEqual({ pin_hash: "2468" });
  });

  it("locks one officer's PIN sign-in after 5 wrong PINs in 15 minutes, even with the right PIN; the lock is stored and audited once", async () => {
    const { key } = await pairKiosk();
    const counterId = idOf("counters", COUNTER);
    const make = (name: string) =>
      createOfficer(db, {
        agencyId: idOf("agencies", "TTHCC"),
        input: { name, title: "", pin: "2468", counterIds: [counterId] },
        userId: null as never,
      });
    const officer = await make("Cán bộ C");
    const other = await make("Cán bộ D");
    const check = async (who: number, pin: string) => {
      const response = (await pinAction({
        request: new Request(`${HTTP}/api/v1/kiosk/pin`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}` },
          body: JSON.stringify({ officer: who, pin }),
        }),
        context: {},
        params: {},
      } as never)) as Response;
      return { status: response.status, json: (await response.json()) as { error?: string } };
    };
    for (let i = 0; i < 5; i++) expect((await check(officer, "1111")).status).toBe(403);
    // The per-kiosk limit (10) is not reached: the officer's own lock refuses the right PIN too.
    const locked = await check(officer, "2468");
    expect(locked.status).toBe(423);
    expect(locked.json.error).toMatch(/tạm khóa 15 phút/);
    // A restart forgets the in-memory limits, not the lock.
    resetRateLimits();
    expect((await check(officer, "2468")).status).toBe(423);
    expect((await check(other, "2468")).status).toBe(200);
    expect(db.$client.prepare("select action, target from audit_log where action = 'kiosk.pinLocked'").all()).toEqual([
      { action: "kiosk.pinLocked", target: String(officer) },
    ]);
    // 15 minutes later the officer can sign in again.
    db.$client.prepare("update login_failures set at = at - ? where key like 'pin:%'").run(15 * 60_000 + 1);
    expect((await check(officer, "2468")).status).toBe(200);
  });
});

describe("figures per officer", () => {
  it("the agency head sees their own agency's officers; another agency, a viewer: 403", async () => {
    const { key } = await pairKiosk();
    const officer = await createOfficer(db, {
      agencyId: idOf("agencies", "TTHCC"),
      input: { name: "Cán bộ B", title: "Chuyên viên", counterIds: [] },
      userId: null as never,
    });
    await post(key, { responses: [rating({ officer }), rating({ officer, answers: { TONG_THE: 1, THAI_DO: 1 } })] });
    const get = (session: string, search = "") =>
      settle(() =>
        officersLoader({
          request: new Request(`${HTTP}/quan-tri/can-bo${search}`, { headers: { cookie: session } }),
          context: {},
          params: {},
        } as never),
      );
    const head = addUser("agency", "TTHCC");
    const own = await get(head);
    expect(own.status).toBe(200);
    const figures = (
      own as unknown as {
        data: {
          figures: { label: string; responses: number; index: number; fewAnswers: boolean; rank: number | null; target: { met: boolean | null } }[];
        };
      }
    ).data.figures;
    expect(figures.find((f) => f.label === "Cán bộ B")).toMatchObject({
      responses: 2,
      index: 50,
      fewAnswers: true,
      rank: null,
      target: { met: null },
    });
    expect((await get(head, "?co-quan=SO_XD")).status).toBe(403);
    expect((await get(addUser("viewer"))).status).toBe(403);
    expect((await get(addUser("admin"), "?co-quan=SO_XD")).status).toBe(200);
  });
});
