/**
 * Issue 22, «Done when»: a real PostgreSQL (Debian's package, a throw-away cluster started here), three
 * provinces' SQLite files with different data through the real ingest path, `sync-national` into the hub,
 * and the hub's national figures equal to an independent computation from the three raw databases (raw
 * responses ⨝ answers, not roll-ups). Re-syncing, two provinces and one province twice at once, and a late
 * upload into a closed month all leave the same rows as a fresh sync. One cluster for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  buildOverall,
  computeFigures,
  isGroupFewAnswers,
  mean,
  periodRange,
  poolGroupCounts,
  round2OrNull,
  type GroupCounts,
} from "../../app/method";
import { ingestResponse } from "../../app/responses/ingest.server";
import { nationalView } from "../../app/national/national.server";
import { registerProvince } from "../../app/national/hub-store.server";
import { directTarget, syncNational, type HubTarget } from "../../app/national/sync.server";
import { resolveResultsQuery } from "../../app/results/results.server";
import type { SurveyDefinition } from "../../app/survey/definition";
import { fields } from "../../db/schema";
import { nationalSync } from "../../db/national-schema";
import { migrateHub, openHub, type HubDb } from "../../hub/client";
import { provideServices } from "../../app/services.server";
import { emptyHub, hubRows, makeProvince, type TestProvince } from "../support/national";
import { providedDemoServices } from "../support/services";
import { startPostgres, type PgCluster } from "../support/postgres";
import { rawCounts } from "../support/raw-counts";

const NOW = Date.UTC(2026, 8, 30, 10); // 30/9/2026 17:00 in Vietnam: Q2 and Q3 2026 are whole
const PERIOD = "2026-Q3";

let cluster: PgCluster;
let hub: HubDb;
const provinces: TestProvince[] = [];
const targets = new Map<string, HubTarget>();

beforeAll(async () => {
  cluster = await startPostgres();
  hub = openHub(cluster.url, 8);
  await migrateHub(hub);
  // Different sizes, seeds and mixes; HGI has too few SIPAS interviews in the quarter to be ranked.
  const specs = [
    { code: "DBP", name: "Điện Biên", responses: 1500, seed: 11, counterShare: 0.7 },
    { code: "LCI", name: "Lào Cai", responses: 900, seed: 23, counterShare: 0.5 },
    { code: "HGI", name: "Hà Giang", responses: 110, seed: 37, counterShare: 0.7 },
  ];
  for (const s of specs) {
    const p = makeProvince(s.code, { responses: s.responses, seed: s.seed, now: NOW, days: 182, counterShare: s.counterShare });
    provinces.push(p);
    const key = await registerProvince(hub, { code: s.code, name: s.name });
    targets.set(s.code, directTarget(hub, cluster.url, key));
  }
}, 120_000);

afterAll(async () => {
  await hub?.$client.end();
  cluster?.stop();
  for (const p of provinces) p.close();
});

const sync = (p: TestProvince, full = false) => syncNational(p.db, targets.get(p.code)!, { full });
const defOf = (p: TestProvince, survey: string): SurveyDefinition => p.surveys.get(survey)!.def;

/** The oracle: counts of a province's period straight from its raw answers, per group key as codes. */
function rawOf(p: TestProvince, survey: string, by: "none" | "field" | "channel"): { overall: GroupCounts; groups: Map<string, GroupCounts> } {
  const q = resolveResultsQuery(p.db, p.surveys, { survey, ...periodRange(PERIOD), by });
  const counted = rawCounts(p.db, q);
  if (by !== "field") return counted;
  const codeOf = new Map(
    p.db
      .select({ id: fields.id, code: fields.code })
      .from(fields)
      .all()
      .map((f) => [String(f.id), f.code] as const),
  );
  return { overall: counted.overall, groups: new Map([...counted.groups].map(([k, g]) => [k === "" ? "" : codeOf.get(k)!, g] as const)) };
}

describe("sync-national into a real PostgreSQL hub", () => {
  it("sends every month once, then nothing while nothing changed", async () => {
    const lines: string[] = [];
    const first = await syncNational(provinces[0]!.db, targets.get("DBP")!, { progress: (l) => lines.push(l) });
    expect(first.province).toBe("DBP");
    expect(first.sent).toBeGreaterThanOrEqual(6);
    expect(lines).toHaveLength(first.sent);
    expect(lines[0]).toMatch(/^2026-0[34]: đã gửi [\d.]+ dòng/);
    for (const p of provinces.slice(1)) await sync(p);
    const again = await Promise.all(provinces.map((p) => sync(p)));
    expect(again.map((s) => s.sent)).toEqual([0, 0, 0]);
  }, 60_000);

  it.each(["sipas", "danh-gia-ho-so"])("national figures of %s equal an independent computation from the raw databases", async (survey) => {
    const def = defOf(provinces[0]!, survey);
    const view = await nationalView(hub, def, PERIOD);
    const raws = provinces.map((p) => ({ code: p.code, raw: rawOf(p, survey, "none").overall }));
    // Each province's index, responses and few-answers flag.
    for (const { code, raw } of raws) {
      const expected = buildOverall({ def, counts: raw, target: null });
      const row = view.provinces.find((r) => r.key === code);
      expect(row, code).toBeDefined();
      expect({ index: row!.index, responses: row!.responses, fewAnswers: row!.fewAnswers }).toEqual({
        index: expected.index,
        responses: expected.responses,
        fewAnswers: expected.fewAnswers,
      });
    }
    // The pooled national figure and the mean of provincial indices (provinces with enough answers).
    const pooled = computeFigures(def, poolGroupCounts(raws.map((r) => r.raw)));
    expect(view.national.pooled).toEqual({ index: round2OrNull(pooled.index), responses: pooled.responses, fewAnswers: isGroupFewAnswers(pooled) });
    const enough = raws.map((r) => computeFigures(def, r.raw)).filter((f) => !isGroupFewAnswers(f));
    expect(view.national.meanOfProvinces.index).toBe(round2OrNull(mean(enough.map((f) => f.index))));
    // Per field and per channel: pooled over the three provinces.
    for (const by of ["field", "channel"] as const) {
      const perKey = new Map<string, GroupCounts[]>();
      for (const p of provinces) for (const [k, g] of rawOf(p, survey, by).groups) if (k !== "") perKey.set(k, [...(perKey.get(k) ?? []), g]);
      const shown = by === "field" ? view.fields : view.channels;
      expect(shown.map((s) => s.key)).toEqual([...perKey.keys()].sort());
      for (const s of shown) {
        const f = computeFigures(def, poolGroupCounts(perKey.get(s.key)!));
        expect({ key: s.key, value: s.pooled.value, responses: s.pooled.responses }).toEqual({
          key: s.key,
          value: round2OrNull(f.index),
          responses: f.responses,
        });
      }
    }
  });

  it("ranks provinces with Δ against the previous quarter and leaves the few-answers province unranked", async () => {
    const view = await nationalView(hub, defOf(provinces[0]!, "sipas"), PERIOD);
    expect(view.previousPeriod).toBe("2026-Q2");
    const hgi = view.provinces.find((r) => r.key === "HGI")!;
    expect(hgi.fewAnswers).toBe(true);
    expect(hgi.rank).toBeNull();
    const ranked = view.provinces.filter((r) => r.rank !== null);
    expect(ranked.map((r) => r.key).sort()).toEqual(["DBP", "LCI"]);
    for (const r of ranked) {
      expect(r.previousRank).not.toBeNull();
      expect(r.rankChange).toBe(r.previousRank! - r.rank!);
      expect(r.delta).toBeCloseTo(r.index! - r.previousIndex!, 6);
    }
  });

  it("gives the same rows after re-syncing, two provinces at once, one province twice at once, and a late upload", async () => {
    const fresh = async () => {
      await emptyHub(hub);
      for (const p of provinces) await sync(p, true);
      return hubRows(hub);
    };
    const reference = await fresh();
    expect(reference.answers.length).toBeGreaterThan(1000);

    // Re-sync everything (full) over what is there: unchanged.
    for (const p of provinces) await sync(p, true);
    expect(await hubRows(hub)).toEqual(reference);

    // From an empty hub, two provinces at once and the third twice at once.
    await emptyHub(hub);
    await Promise.all([sync(provinces[0]!, true), sync(provinces[1]!, true), sync(provinces[2]!, true), sync(provinces[2]!, true)]);
    expect(await hubRows(hub)).toEqual(reference);

    // A late tablet upload into a closed month (May) of LCI: only May is sent again…
    const lci = provinces[1]!;
    const late = ingestResponse(
      lci.db,
      lci.surveys,
      {
        id: "0190a000-0000-7000-8000-00000000a001",
        survey: "danh-gia-ho-so",
        agency: "XA-1",
        counter: "XA-1-Q01",
        field: "HO_TICH",
        channel: "surveyor",
        submittedAt: "2026-05-12T09:00:00+07:00",
        locale: "vi",
        answers: { TONG_THE: 1 },
      },
      { source: "test", now: () => NOW },
    );
    expect(late.status).toBe("created");
    const lines: string[] = [];
    const after = await syncNational(lci.db, targets.get("LCI")!, { progress: (l) => lines.push(l) });
    expect(after.sent).toBe(1);
    expect(lines[0]).toMatch(/^2026-05: /);
    const incremental = await hubRows(hub);
    expect(incremental).not.toEqual(reference);
    // …and the hub then holds exactly what a fresh sync of all three gives.
    expect(await fresh()).toEqual(incremental);
  }, 180_000);

  it("refuses an older reading of a month than the one it holds", async () => {
    const dbp = provinces[0]!;
    const marker = dbp.db.select().from(nationalSync).all();
    expect(marker.length).toBeGreaterThan(0);
    const { readProvinceMonth } = await import("../../app/national/province-months.server");
    const payload = readProvinceMonth(dbp.db, "DBP", "2026-07");
    const stale = await targets.get("DBP")!.send({ ...payload, asOf: payload.asOf - 1 });
    expect(stale.status).toBe("stale");
  });
});

describe("the hub's sync endpoint (POST/GET /api/v1/hub/thang)", () => {
  const secret = "hub-endpoint-test-secret-0123456789abcdef";
  const call = async (method: "GET" | "POST", body?: string, key?: string) => {
    const { action, loader } = await import("../../app/routes/api.v1.hub.thang");
    const request = new Request("http://hub.test/api/v1/hub/thang", {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
      body,
    });
    const args = { request, params: {}, context: {} } as never;
    const res: Response = await (method === "GET" ? loader(args) : action(args)).catch((thrown: unknown) => thrown as Response);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  afterAll(() => provideServices(undefined));

  it("is 404 on a province's server, 401 without the province's key", async () => {
    providedDemoServices(secret);
    expect((await call("GET", undefined, "x")).status).toBe(404);
    provideServices(undefined);
    providedDemoServices(secret, { HUB_DATABASE_URL: cluster.url });
    const res = await call("GET", undefined, "hub_wrong");
    expect(res.status).toBe(401);
    expect(String(res.body.error)).toMatch(/^Thiếu hoặc sai khóa tỉnh/);
  });

  it("takes a month over HTTP, and refuses bad input in Vietnamese without changing anything", async () => {
    providedDemoServices(secret, { HUB_DATABASE_URL: cluster.url });
    const key = await registerProvince(hub, { code: "TST", name: "Tỉnh thử" });
    const { readProvinceMonth } = await import("../../app/national/province-months.server");
    const payload = readProvinceMonth(provinces[0]!.db, "TST", "2026-08");
    const before = await hubRows(hub);
    const refusals: [string, RegExp][] = [
      ["{not json", /không phải JSON hợp lệ/],
      [JSON.stringify({ ...payload, month: "2026-13" }), /tháng phải có dạng YYYY-MM/],
      [JSON.stringify({ ...payload, responses: [["sipas", "v", "agency", "K", -1]] }), /^Số liệu tháng không hợp lệ: responses\.0\.4/],
      [JSON.stringify({ ...payload, responses: [["sipas", "v", "xã", "K", 1]] }), /phân tổ không hợp lệ/],
      [JSON.stringify({ ...payload, answers: payload.answers.slice(1) }), /mã băm không khớp/],
    ];
    for (const [body, message] of refusals) {
      const res = await call("POST", body, key);
      expect(res.status, body.slice(0, 40)).toBe(400);
      expect(String(res.body.error)).toMatch(message);
    }
    expect(await hubRows(hub)).toEqual(before);
    const ok = await call("POST", JSON.stringify(payload), key);
    expect(ok).toEqual({ status: 200, body: { status: "replaced", rows: payload.responses.length + payload.answers.length } });
    const listed = await call("GET", undefined, key);
    expect(listed.body).toEqual({ province: "TST", months: [{ month: "2026-08", hash: payload.hash }] });
    const { hubDb } = await import("../../app/national/hub.server");
    await (await hubDb())!.$client.end();
  });
});
