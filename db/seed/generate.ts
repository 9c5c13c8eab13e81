/**
 * Synthetic responses for the demo and the benchmarks (`sipas generate --responses N --seed S`).
 * Driven by the definitions, not by question codes: any survey in `surveys/` can be generated.
 * Agencies get different satisfaction levels, some answers are "no opinion", conditional questions are
 * skipped as a real respondent would. Everything goes through the real ingest path (validation, answers
 * and roll-ups in one transaction), oldest first, 2 000 responses per transaction.
 */
import crypto from "node:crypto";

import type { Db } from "../client";
import { ingestResponse, type IngestResult } from "../../app/responses/ingest.server";
import { allQuestions, type SurveyDefinition } from "../../app/survey/definition";
import { isShown } from "../../app/survey/response";
import type { SurveyRegistry } from "../../app/survey/registry.server";
import type { Channel } from "../../app/survey/codes";

/** mulberry32: tiny, fast, good enough for synthetic data, and the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMENTS = [
  "Cán bộ nhiệt tình, hướng dẫn dễ hiểu.",
  "Thời gian chờ hơi lâu.",
  "Cần thêm ghế ngồi chờ.",
  "Trả kết quả đúng hẹn, cảm ơn.",
  "Nên niêm yết rõ hơn các khoản phí.",
  "Máy lấy số thứ tự hay bị lỗi.",
  "Rất hài lòng với thái độ phục vụ.",
  "Hồ sơ phải bổ sung nhiều lần.",
];

type Counter = { code: string; agency: string; level: string; fields: string[] };

export type GenerateOptions = {
  responses: number;
  seed?: number;
  /** The last day of the window is today; the window reaches back this many days. */
  days?: number;
  now?: number;
  /** Share of counter ratings (danh-gia-ho-so) versus SIPAS interviews. */
  counterShare?: number;
};

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** One draw, items chosen in proportion to their weights. */
function pickWeighted<T>(rand: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/**
 * How busy a counter is: a provincial body more than a commune's office, an agency with several counters more
 * than one with one (its load is spread over them, √ of their number in all). Dossiers by field follow the
 * one-stop counters' usual mix: land, civil status and certification most, then construction, investment and
 * business registration (the investment counter mostly sees investment projects). Demo realism only: the point is a demo whose last quarter has enough ratings per
 * agency and per target field to show the normal cycle (issue «The first hour of a new province»).
 */
const FIELD_VOLUME: Readonly<Record<string, number>> = { DAT_DAI: 3, HO_TICH: 3, CHUNG_THUC: 3, XAY_DUNG: 2, DAU_TU: 4, KINH_DOANH: 1.5 };
function counterWeights(counters: readonly Counter[]): number[] {
  const perAgency = new Map<string, number>();
  for (const c of counters) perAgency.set(c.agency, (perAgency.get(c.agency) ?? 0) + 1);
  return counters.map((c) => {
    const n = perAgency.get(c.agency)!;
    return ((c.level === "tinh" ? 1.5 : 1) * Math.sqrt(n)) / n;
  });
}
const fieldWeights = (fields: readonly string[]) => fields.map((f) => FIELD_VOLUME[f] ?? 1);

/** Satisfaction level of an agency, stable across runs: between 0.78 and 0.99. */
export function agencyLevel(code: string): number {
  const h = crypto.createHash("sha1").update(code).digest().readUInt16BE(0);
  return 0.78 + (h / 65535) * 0.21;
}

export function answersFor(def: SurveyDefinition, rand: () => number, level: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of allQuestions(def)) {
    if (!isShown(q, answers)) continue;
    if (!q.required && rand() < 0.03) continue; // a blank on a paper form
    switch (q.type) {
      case "scale": {
        const scale = def.scales[q.scale]!;
        if (q.allowNoOpinion && rand() < 0.04) {
          answers[q.code] = def.noOpinion.code;
          break;
        }
        const satisfied = scale.options.filter((o) => scale.satisfied.includes(o.code));
        const other = scale.options.filter((o) => !scale.satisfied.includes(o.code));
        answers[q.code] = pick(rand, rand() < level ? satisfied : other).code;
        break;
      }
      case "single":
        // The first option is the most common one (Kinh, "Không có" harassment…), as in real samples.
        answers[q.code] = rand() < 0.5 ? q.options[0]!.code : pick(rand, q.options).code;
        break;
      case "yesno":
        answers[q.code] = rand() < 0.3 ? 1 : 2;
        break;
      case "multi": {
        const count = 1 + Math.floor(rand() * q.max);
        const codes = new Set<number>();
        while (codes.size < count) codes.add(pick(rand, q.options).code);
        answers[q.code] = [...codes];
        break;
      }
      case "text":
        if (rand() < 0.15) answers[q.code] = pick(rand, COMMENTS).slice(0, q.maxLength);
        break;
      case "number": {
        // With thresholds (QĐ 56's G1, % of expectations met): at or above the first as often as the unit is
        // satisfied, up to 120 %; without (a distance, days in hospital): a small count at the bottom of the range.
        const first = q.thresholds[0];
        const value =
          first === undefined
            ? q.min + Math.floor(rand() * Math.min(q.max - q.min + 1, 30))
            : rand() < level
              ? first + Math.floor(rand() * (Math.max(first, Math.min(q.max, 120)) - first + 1))
              : q.min + Math.floor(rand() * Math.max(1, first - q.min));
        answers[q.code] = Math.min(q.max, Math.max(q.min, value));
        break;
      }
    }
  }
  return answers;
}

/** A Vietnam-time instant inside office hours on a day `daysAgo` before `now`. */
export function officeInstant(now: number, daysAgo: number, rand: () => number): string {
  const vnMidnight = Math.floor((now + 7 * 3600_000) / 86_400_000) * 86_400_000 - 7 * 3600_000;
  const minutes = 7 * 60 + 30 + Math.floor(rand() * 570); // 07:30–17:00
  const instant = new Date(vnMidnight - daysAgo * 86_400_000 + minutes * 60_000);
  return instant.toISOString().replace("Z", "+00:00");
}

/**
 * A UUIDv7, as devices make them (docs/contracts.md's example is one): the creation time in the first 48 bits,
 * then random bits. Ids made in time order also land in order in the unique index, as in production.
 */
export function uuidV7(ms: number, rand: () => number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  for (let i = 6; i < 16; i++) bytes[i] = Math.floor(rand() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function loadCounters(db: Db): Counter[] {
  return db.$client
    .prepare(
      `select c.code, a.code as agency, a.level, coalesce(group_concat(f.code), '') as fields
         from counters c join agencies a on a.id = c.agency_id
         left join counter_fields cf on cf.counter_id = c.id left join fields f on f.id = cf.field_id
        where c.active = 1 group by c.id order by c.code`,
    )
    .all()
    .map((row) => {
      const r = row as { code: string; agency: string; level: string; fields: string };
      return { code: r.code, agency: r.agency, level: r.level, fields: r.fields ? r.fields.split(",") : [] };
    });
}

/**
 * The officers serving at each counter (ids in order): kiosk ratings at those counters are credited to one of
 * them. Empty when no officer exists (a fresh directory, the tests), and the bodies are then exactly as before.
 */
export function loadCounterOfficers(db: Db): Map<string, number[]> {
  const rows = db.$client
    .prepare(
      `select c.code, co.officer_id as officer from counter_officers co join counters c on c.id = co.counter_id
         join officers o on o.id = co.officer_id where o.disabled_at is null order by c.code, co.officer_id`,
    )
    .all() as { code: string; officer: number }[];
  const map = new Map<string, number[]>();
  for (const r of rows) map.set(r.code, [...(map.get(r.code) ?? []), r.officer]);
  return map;
}

/**
 * What the counter screens let a citizen leave out (docs/decisions/0016): a face tap is stored at once, the
 * field and the other criteria are optional and come after it (QR: on the thank-you page; kiosk: the field
 * above the faces, the rest after). These rates decide which demo ratings lose their details; they are drawn
 * from a stream of their own, so every other demo figure is the same as before they existed.
 */
export const VOTE_ONLY = {
  /** QR: left after the vote — no field (at a multi-field counter), no other answer. */
  qrWalkAway: 0.4,
  /** QR: gave details but skipped the field question. */
  qrSkipField: 0.1,
  /** Kiosk: tapped a field above the faces before the face. */
  kioskFieldFirst: 0.75,
  /** Kiosk: left after the face. */
  kioskWalkAway: 0.35,
  /** Kiosk: gave details, skipping the field there too. */
  kioskSkipField: 0.3,
} as const;

/** Which parts of a counter rating the citizen gave: the field, and the answers other than the overall one. */
function votePart(walk: () => number, channel: Channel, multiField: boolean): { field: boolean; details: boolean } {
  if (channel === "qr") {
    const walked = walk() < VOTE_ONLY.qrWalkAway;
    return { field: !multiField || (!walked && walk() >= VOTE_ONLY.qrSkipField), details: !walked };
  }
  if (channel === "kiosk") {
    const first = walk() < VOTE_ONLY.kioskFieldFirst;
    const walked = walk() < VOTE_ONLY.kioskWalkAway;
    return { field: !multiField || first || (!walked && walk() >= VOTE_ONLY.kioskSkipField), details: !walked };
  }
  return { field: true, details: true };
}

/** A response body as the API receives it. */
export type SyntheticResponse = {
  id: string;
  survey: string;
  agency: string;
  counter?: string;
  field?: string;
  channel: Channel;
  submittedAt: string;
  locale: "vi" | "en";
  answers: Record<string, unknown>;
  officer?: number;
};

/**
 * The bodies, oldest first: responses arrive in time order, spread evenly over the window (which also
 * keeps the roll-up rows being updated in the same few pages, as in production).
 */
export function* syntheticResponses(db: Db, surveys: SurveyRegistry, options: GenerateOptions): Generator<SyntheticResponse> {
  const rand = prng(options.seed ?? 1);
  const walk = prng(((options.seed ?? 1) * 7919 + 17) >>> 0);
  const counters = loadCounters(db);
  const weights = counterWeights(counters);
  const officers = loadCounterOfficers(db);
  if (counters.length === 0) throw new Error("Chưa có quầy nào: hãy nạp danh mục trước (import-directory).");
  const counterSurvey = surveys.get("danh-gia-ho-so");
  const sipas = surveys.get("sipas");
  const now = options.now ?? Date.now();
  const days = options.days ?? 365;
  for (let i = 0; i < options.responses; i++) {
    const counter = pickWeighted(rand, counters, weights);
    const useCounter = counterSurvey && (!sipas || rand() < (options.counterShare ?? 0.7));
    const def = (useCounter ? counterSurvey : (sipas ?? counterSurvey))!.def;
    const channel: Channel = useCounter ? (rand() < 0.8 ? "qr" : "kiosk") : rand() < 0.85 ? "surveyor" : "paper";
    const field = counter.fields.length ? pickWeighted(rand, counter.fields, fieldWeights(counter.fields)) : undefined;
    const submittedAt = officeInstant(now, days - 1 - Math.floor((i * days) / options.responses), rand);
    // Chosen without drawing from `rand`, so the demo's other figures stay the same with or without officers.
    const onDuty = useCounter && channel === "kiosk" ? officers.get(counter.code) : undefined;
    // Drawn in the order they always were (id, language, answers): the same seed gives the same demo.
    const id = uuidV7(Date.parse(submittedAt), rand);
    const locale = rand() < 0.97 ? "vi" : "en";
    const answers = answersFor(def, rand, agencyLevel(counter.agency));
    const gave = votePart(walk, channel, counter.fields.length > 1);
    const index = def.method.index === "question" ? def.method.question : null;
    yield {
      id,
      survey: def.id,
      agency: counter.agency,
      counter: useCounter ? counter.code : undefined,
      field: gave.field ? field : undefined,
      channel,
      submittedAt,
      locale,
      answers: gave.details || !index ? answers : { [index]: answers[index] },
      ...(onDuty?.length ? { officer: onDuty[i % onDuty.length]! } : {}),
    };
  }
}

/** Generates and stores responses through `ingestResponse`, 2 000 per transaction. */
export function generateResponses(
  db: Db,
  surveys: SurveyRegistry,
  options: GenerateOptions & { onBatch?: (done: number) => void },
): Record<IngestResult["status"], number> {
  const now = options.now ?? Date.now();
  return ingestBodies(db, surveys, syntheticResponses(db, surveys, { ...options, now }), { count: options.responses, now, onBatch: options.onBatch });
}

/** Stores `count` bodies through `ingestResponse`, 2 000 per transaction; the totals by result. */
export function ingestBodies(
  db: Db,
  surveys: SurveyRegistry,
  bodies: Iterator<SyntheticResponse>,
  { count, now, onBatch }: { count: number; now: number; onBatch?: (done: number) => void },
): Record<IngestResult["status"], number> {
  const totals = { created: 0, duplicate: 0, conflict: 0, invalid: 0, dossierRated: 0, completed: 0 };
  const batch = 2000;
  for (let start = 0; start < count; start += batch) {
    db.$client
      .transaction(() => {
        for (let i = start; i < Math.min(count, start + batch); i++) {
          const body = bodies.next();
          if (body.done) return;
          // The window ends at `now`, so the ingest's clock check must use the same clock.
          totals[ingestResponse(db, surveys, body.value, { source: "generate", now: () => now }).status]++;
        }
      })
      .immediate();
    onBatch?.(Math.min(count, start + batch));
  }
  return totals;
}
