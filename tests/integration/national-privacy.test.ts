/**
 * Issue 22, privacy kept: after a province with free-text comments, a rated dossier, a kiosk device, its API
 * key and an officer on duty has synced, every table the hub holds is read whole. The hub has exactly the
 * tables it was designed with, their columns are codes, counts, months and stamps, and no value anywhere
 * equals or contains a comment, a dossier code or hash, a response id, a device, a key or an officer.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";

import { createApiKey } from "../../app/auth/api-keys.server";
import { registerProvince } from "../../app/national/hub-store.server";
import { directTarget, syncNational } from "../../app/national/sync.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { allQuestions } from "../../app/survey/definition";
import { agencies, answers, apiKeys, counters, officers, responses } from "../../db/schema";
import { devices } from "../../db/field-schema";
import { migrateHub, openHub, type HubDb } from "../../hub/client";
import { makeProvince, type TestProvince } from "../support/national";
import { startPostgres, type PgCluster } from "../support/postgres";

const NOW = Date.UTC(2026, 8, 30, 10);
const COMMENT = "Cán bộ Trần Thị Riêng Tư hẹn tôi ngoài giờ, số nhà 42";
const DOSSIER = "HS-2026-PRIV-777";
const OFFICER = "Nguyễn Văn Kín Đáo";

let cluster: PgCluster;
let hub: HubDb;
let province: TestProvince;

beforeAll(async () => {
  cluster = await startPostgres();
  hub = openHub(cluster.url, 2);
  await migrateHub(hub);
  province = makeProvince("DBP", { responses: 300, seed: 5, now: NOW, days: 60 });
  const { db, surveys } = province;
  const agency = db.select({ id: agencies.id }).from(agencies).all()[0]!;
  const counter = db
    .select({ id: counters.id, code: counters.code, agencyId: counters.agencyId })
    .from(counters)
    .all()
    .find((c) => c.agencyId === agency.id)!;
  const officer = db.insert(officers).values({ agencyId: agency.id, name: OFFICER, createdAt: NOW }).returning({ id: officers.id }).get();
  const key = createApiKey(db, { kind: "kiosk", name: "Ki-ốt bí mật tầng 2", agencyId: agency.id, counterId: counter.id });
  db.insert(devices)
    .values({
      deviceUuid: "0b5e1c1e-dead-4bee-8f00-000000000042",
      kind: "kiosk",
      name: "Máy tính bảng quầy 1",
      apiKeyId: key.id,
      counterId: counter.id,
      createdAt: NOW,
    })
    .run();
  const agencyCode = db.select({ code: agencies.code }).from(agencies).all()[0]!.code;
  const result = ingestResponse(
    db,
    surveys,
    {
      id: "0190b000-0000-7000-8000-00000000b042",
      survey: "danh-gia-ho-so",
      agency: agencyCode,
      counter: counter.code,
      channel: "kiosk",
      submittedAt: "2026-09-10T09:00:00+07:00",
      locale: "vi",
      dossier: DOSSIER,
      officer: officer.id,
      answers: { TONG_THE: 1, Y_KIEN: COMMENT },
    },
    { source: "test", now: () => NOW, apiKeyId: key.id, dossiers: { secret: "s".repeat(40), requireKnown: false } },
  );
  expect(result.status).toBe("created");
  const provinceKey = await registerProvince(hub, { code: "DBP", name: "Điện Biên" });
  await syncNational(db, directTarget(hub, cluster.url, provinceKey));
}, 120_000);

afterAll(async () => {
  await hub?.$client.end();
  cluster?.stop();
  province?.close();
});

/** Every table of the hub's database outside PostgreSQL's own catalogs, with its columns and types. */
async function hubTables(): Promise<Map<string, { column: string; type: string }[]>> {
  const rows = await hub.execute<{ schema: string; table: string; column: string; type: string }>(
    sql`select table_schema as schema, table_name as table, column_name as column, data_type as type from information_schema.columns
        where table_schema not in ('pg_catalog', 'information_schema') order by table_schema, table_name, ordinal_position`,
  );
  const out = new Map<string, { column: string; type: string }[]>();
  for (const r of rows.rows) out.set(`${r.schema}.${r.table}`, [...(out.get(`${r.schema}.${r.table}`) ?? []), { column: r.column, type: r.type }]);
  return out;
}

it("holds only the designed tables, of codes, counts, months and stamps", async () => {
  const tables = await hubTables();
  expect([...tables.keys()].sort()).toEqual([
    "drizzle.__drizzle_migrations",
    "public.hub_months",
    "public.hub_provinces",
    "public.national_month_answers",
    "public.national_month_responses",
  ]);
  for (const [table, columns] of tables) {
    for (const { column, type } of columns) {
      expect(["text", "integer", "bigint", "timestamp with time zone"], `${table}.${column}`).toContain(type);
      expect(column, table).not.toMatch(/comment|text|dossier|device|officer|uuid|user|name_of|answer_text/);
    }
  }
});

it("has no comment, dossier, response id, device, key or officer in any value of any table", async () => {
  const { db } = province;
  const secrets = [
    COMMENT,
    DOSSIER,
    OFFICER,
    ...db
      .select({ t: answers.text })
      .from(answers)
      .all()
      .flatMap((a) => (a.t ? [a.t] : [])),
    ...db
      .select({ u: responses.uuid, d: responses.dossierHash, h: responses.contentHash })
      .from(responses)
      .all()
      .flatMap((r) => [r.u, r.h, ...(r.d ? [r.d] : [])]),
    ...db
      .select({ h: apiKeys.keyHash, p: apiKeys.prefix, n: apiKeys.name })
      .from(apiKeys)
      .all()
      .flatMap((k) => [k.h, k.p, k.n]),
    ...db
      .select({ u: devices.deviceUuid, n: devices.name })
      .from(devices)
      .all()
      .flatMap((d) => [d.u, d.n]),
    ...db
      .select({ n: officers.name })
      .from(officers)
      .all()
      .map((o) => o.n),
  ];
  expect(secrets.length).toBeGreaterThan(300);
  let values = 0;
  const found: string[] = [];
  for (const table of (await hubTables()).keys()) {
    const [schema, name] = table.split(".") as [string, string];
    const rows = await hub.execute<Record<string, unknown>>(sql`select * from ${sql.identifier(schema)}.${sql.identifier(name)}`);
    for (const row of rows.rows) {
      for (const value of Object.values(row)) {
        if (typeof value !== "string") continue;
        values++;
        for (const secret of secrets) if (value.includes(secret)) found.push(`${table}: ${value} ⊃ ${secret}`);
      }
    }
  }
  expect(found).toEqual([]);
  expect(values).toBeGreaterThan(1000);
});

it("counts text answers only as how many wrote something (code 0), never their words", async () => {
  const textQuestions = new Set(
    [...province.surveys.values()].flatMap((s) =>
      allQuestions(s.def)
        .filter((q) => q.type === "text")
        .map((q) => q.code),
    ),
  );
  const rows = await hub.execute<{ question: string; code: number }>(sql`select distinct question, code from national_month_answers`);
  const text = rows.rows.filter((r) => textQuestions.has(r.question));
  expect(text.length).toBeGreaterThan(0);
  expect(new Set(text.map((r) => r.code))).toEqual(new Set([0]));
});
