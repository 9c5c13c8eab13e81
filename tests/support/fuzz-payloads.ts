/**
 * fast-check generators of hostile submissions for the citizen form (/q/<token>) and the API
 * (POST /api/v1/responses). Every generated payload carries at least one defect that must be refused —
 * wrong types, huge strings, deep nesting, unknown codes, invalid UTF-8, missing fields, oversized batches,
 * wrong content types — so the expected answer is always "4xx, Vietnamese message, nothing stored"; SQL,
 * HTML and script text ride along in the fields that are accepted as text, to be carried inertly.
 */
import fc from "fast-check";

import { ratingBody, sipasBody } from "./bodies";

/** Lower-case letters only Vietnamese has: a message in Vietnamese contains at least one. */
export const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

export type Payload = { label: string; contentType: string | null; body: string | Uint8Array<ArrayBuffer> };

export const HOSTILE_TEXT = [
  "'; DROP TABLE responses; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM answers; --",
  "1; UPDATE users SET role='admin'",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(document.cookie)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${process.exit(1)}",
  "__proto__",
  "\u0000\u0001\u001f",
  "\u202e\u200b\ufeff",
  "Cán bộ nhiệt tình 😀 ‮",
] as const;

const hostile = fc.constantFrom(...HOSTILE_TEXT);
/** Any text a person or a bot might type, including SQL and markup. */
const text = (maxLength = 40) => fc.oneof(hostile, fc.string({ maxLength }), fc.string({ unit: "grapheme", maxLength }));
/** Longer than any text question allows (1 000 and 2 000 characters), however characters are counted. */
const huge = fc.integer({ min: 2_001, max: 20_000 }).chain((n) => fc.constantFrom("a", "ư", "<", "'", "😀").map((c) => c.repeat(n)));
/** Bytes that are not UTF-8 (lone continuation bytes, overlong forms, surrogates, truncated sequences). */
const badUtf8 = fc.constantFrom(
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe1, 0xbb],
  [0x80, 0x80],
);
/** Nested arrays or objects `depth` levels deep, as JSON text (built as text: JSON.stringify would overflow). */
const deepJson = fc
  .record({ depth: fc.integer({ min: 50, max: 100_000 }), kind: fc.constantFrom("[]", "{}") })
  .map(({ depth, kind }) => (kind === "[]" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`));

// ---------------------------------------------------------------------------------------------------- form

const SAT3_OTHERS = ["THUAN_TIEN", "DUNG_HAN", "THAI_DO"] as const;
const RESERVED = new Set(["_lang", "website", "_rid", "_t", "_field", "_dossier", "TONG_THE", "THUAN_TIEN", "DUNG_HAN", "THAI_DO", "Y_KIEN"]);
const VALID_SAT3 = /^\s*0*[1239]\s*$/;

type Pairs = [string, string | Uint8Array][];

function urlencode(pairs: Pairs): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [];
  for (const [k, v] of pairs) {
    // Bytes are sent raw (not percent-encoded) so that invalid UTF-8 reaches the server's decoder as is.
    const value = typeof v === "string" ? Buffer.from(encodeURIComponent(v)) : Buffer.from(v);
    parts.push(Buffer.concat([Buffer.from(`${encodeURIComponent(k)}=`), value]));
  }
  return new Uint8Array(Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from("&"), p] : [p]))));
}

/** The fields a real form would send, with valid answers; a defect is then applied on top. */
const formBase = fc.record({
  rid: fc.oneof(fc.uuid(), text()),
  t: fc.option(text(), { nil: undefined }),
  /** Sign the page token for `rid` as the server would (when the caller can): the post then reaches the write path. */
  signed: fc.boolean(),
  others: fc
    .subarray([...SAT3_OTHERS])
    .chain((qs) => fc.tuple(...qs.map((q) => fc.constantFrom("1", "2", "3", "9").map((v) => [q, v] as [string, string])))),
  comment: fc.option(text(200), { nil: undefined }),
  extra: fc.array(
    fc.tuple(
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !RESERVED.has(k)),
      text(),
    ),
    { maxLength: 4 },
  ),
});

const formDefect = fc.oneof(
  fc.constant({ label: "form: required answer missing", tongThe: undefined as string | Uint8Array | undefined }),
  fc
    .oneof(fc.constantFrom("0", "4", "5", "10", "-1", "99", "1e3", "NaN", "2.0", "+2", "0x2"), text())
    .filter((v) => !VALID_SAT3.test(v))
    .map((v) => ({ label: "form: unknown answer code", tongThe: v as string | Uint8Array | undefined })),
  badUtf8.map((b) => ({ label: "form: invalid UTF-8 in an answer", tongThe: new Uint8Array(b) as string | Uint8Array | undefined })),
);

/** `sign`: the page token of a rating id, as the server signs it (a post without one is refused before anything else). */
export type FormCounter = { multiField: boolean; sign?: (rid: string) => string };

export function formPayload(counter: FormCounter): fc.Arbitrary<Payload> {
  const tokenOf = (b: { rid: string; t?: string; signed: boolean }): Pairs =>
    b.signed && counter.sign ? [["_t", counter.sign(b.rid)]] : b.t === undefined ? [] : [["_t", b.t]];
  const answersWithDefect = fc.tuple(formBase, formDefect).map(([b, d]) => {
    const pairs: Pairs = [["_rid", b.rid], ...tokenOf(b), ...b.others, ...b.extra];
    if (d.tongThe !== undefined) pairs.push(["TONG_THE", d.tongThe]);
    if (b.comment !== undefined) pairs.push(["Y_KIEN", b.comment]);
    return { label: d.label, pairs };
  });
  // A form that would be accepted, then spoiled in one place that is not TONG_THE.
  const validThen = fc.tuple(formBase, fc.constantFrom("1", "2", "3")).map(([b, v]) => {
    const pairs: Pairs = [["_rid", b.rid], ...tokenOf(b), ["TONG_THE", v], ...b.others, ...b.extra];
    if (b.comment !== undefined) pairs.push(["Y_KIEN", b.comment]);
    return pairs;
  });
  const encoded = (label: string, pairs: Pairs): Payload => ({ label, contentType: "application/x-www-form-urlencoded", body: urlencode(pairs) });
  const spoiled = fc.oneof(
    fc.tuple(validThen, huge).map(([p, h]) => encoded("form: comment longer than allowed", [...p.filter(([k]) => k !== "Y_KIEN"), ["Y_KIEN", h]])),
    fc
      .tuple(validThen, badUtf8)
      .map(([p, b]) => encoded("form: invalid UTF-8 in the comment", [...p.filter(([k]) => k !== "Y_KIEN"), ["Y_KIEN", new Uint8Array(b)]])),
    fc
      .tuple(validThen, fc.constantFrom(...SAT3_OTHERS), fc.oneof(fc.constantFrom("0", "4", "42", "-3"), hostile))
      .map(([p, q, v]) => encoded("form: unknown code in another question", [...p.filter(([k]) => k !== q), [q, v]])),
    fc.tuple(validThen, hostile).map(([p, h]) => encoded("form: dossier code that is not one", [...p, ["_dossier", h]])),
    ...(counter.multiField
      ? [
          fc
            .tuple(validThen, fc.oneof(hostile, fc.constantFrom("KHONG_CO", "dat_dai", "Y_TE ")))
            .map(([p, f]) => encoded("form: field the counter does not serve", [...p, ["_field", f]])),
        ]
      : []),
    fc.tuple(validThen, fc.integer({ min: 64 * 1024, max: 1024 * 1024 })).map(([p, n]) => ({
      label: "form: body larger than a form",
      contentType: "application/x-www-form-urlencoded",
      body: new Uint8Array(Buffer.concat([urlencode(p), Buffer.from("&pad="), Buffer.alloc(n, "x")])),
    })),
    fc
      .tuple(
        validThen,
        fc.constantFrom(
          "application/json",
          "text/plain",
          null,
          "multipart/form-data",
          "multipart/form-data; boundary=zz",
          "application/xml",
          "text/html; charset=utf-8",
        ),
      )
      .map(([p, type]) => ({ label: "form: wrong content type", contentType: type, body: urlencode(p) })),
    fc.tuple(validThen, deepJson).map(([, json]) => ({ label: "form: JSON sent to the form", contentType: "application/json", body: json })),
  );
  return fc.oneof({ arbitrary: answersWithDefect.map(({ label, pairs }) => encoded(label, pairs)), weight: 2 }, { arbitrary: spoiled, weight: 3 });
}

// ----------------------------------------------------------------------------------------------------- API

const REQUIRED = ["id", "survey", "agency", "channel", "submittedAt", "answers"] as const;
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** One response with exactly-a-defect, as a JS value (serialised by the caller). */
const badResponse: fc.Arbitrary<{ label: string; value: Record<string, unknown> }> = fc
  .tuple(fc.uuid(), fc.boolean(), text(200))
  .chain(([id, sipas, comment]) => {
    const base = (sipas ? sipasBody : ratingBody)({ id }) as Record<string, unknown> & { answers: Record<string, unknown> };
    base.answers = { ...base.answers, Y_KIEN: comment };
    const withAnswers = (answers: Record<string, unknown>) => ({ ...base, answers: { ...base.answers, ...answers } });
    return fc.oneof(
      fc
        .tuple(fc.constantFrom(...REQUIRED), wrongType)
        .filter(([k, v]) => !(k === "answers" && v !== null && typeof v === "object" && !Array.isArray(v)))
        .map(([k, v]) => ({ label: `api: wrong type for ${k}`, value: { ...base, [k]: v } })),
      fc.constantFrom(...REQUIRED).map((k) => {
        const copy: Record<string, unknown> = { ...base };
        delete copy[k];
        return { label: `api: missing ${k}`, value: copy };
      }),
      fc.oneof(hostile, fc.constantFrom("khong-co", "SIPAS", "sipas2")).map((s) => ({ label: "api: unknown survey", value: { ...base, survey: s } })),
      fc.oneof(hostile, fc.constantFrom("KHONG_CO", "tthcc", "X")).map((a) => ({ label: "api: unknown agency", value: { ...base, agency: a } })),
      fc.oneof(hostile, fc.constantFrom("KHONG_CO", "x")).map((f) => ({ label: "api: unknown field", value: { ...base, field: f } })),
      fc.oneof(hostile, fc.constantFrom("KHONG_CO", "TTHCC-Q99")).map((c) => ({ label: "api: unknown counter", value: { ...base, counter: c } })),
      fc.oneof(hostile, fc.constantFrom("email", "QR", "")).map((c) => ({ label: "api: unknown channel", value: { ...base, channel: c } })),
      fc
        .oneof(hostile, fc.constantFrom("2026-13-01T00:00:00+07:00", "hôm qua", "2026-08-14"))
        .map((d) => ({ label: "api: bad date", value: { ...base, submittedAt: d } })),
      fc
        .tuple(
          fc.string({ minLength: 1, maxLength: 12 }).filter((q) => !/^[A-Z_0-9]+$/.test(q)),
          fc.integer({ min: 1, max: 5 }),
        )
        .map(([q, v]) => ({ label: "api: unknown question", value: withAnswers({ [q]: v }) })),
      fc
        .oneof(
          fc.integer({ min: -1000, max: 1000 }).filter((n) => !(sipas ? [1, 2, 3, 4, 5, 9] : [1, 2, 3, 9]).includes(n)),
          fc.double({ noInteger: true }),
          hostile,
        )
        .map((v) => ({ label: "api: unknown answer code", value: withAnswers(sipas ? { HL_CHUNG: v } : { TONG_THE: v }) })),
      huge.map((h) => ({ label: "api: comment longer than allowed", value: withAnswers({ Y_KIEN: h }) })),
      fc.integer({ min: 2, max: 200 }).map((d) => {
        let nested: unknown = 1;
        for (let i = 0; i < d; i++) nested = [nested];
        return { label: "api: nested answer", value: withAnswers({ [sipas ? "HL_CHUNG" : "TONG_THE"]: nested }) };
      }),
      fc.uuid().map((u) => ({ label: "api: id that is not a UUID", value: { ...base, id: `${u}x` } })),
    );
  });

/**
 * A value nested deeper than the API reads (MAX_JSON_DEPTH = 32 in app/api/json.server.ts), placed where a
 * valid response has room for it: an unknown field (which the schema would otherwise ignore and a conflicting
 * replay would store), an answer, or beside the batch. Built as text for depths JSON.stringify cannot reach.
 */
const deeperThanAllowed = fc.integer({ min: 33, max: 100_000 });
const nestedText = (depth: number, kind: "[]" | "{}") =>
  kind === "[]" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

const deepInside: fc.Arbitrary<Payload> = fc
  .record({
    depth: deeperThanAllowed,
    kind: fc.constantFrom<"[]" | "{}">("[]", "{}"),
    where: fc.constantFrom("unknown field", "answer", "batch", "batch item"),
    id: fc.uuid(),
  })
  .map(({ depth, kind, where, id }) => {
    const valid = JSON.stringify(ratingBody({ id, channel: "paper" }));
    const deep = nestedText(depth, kind);
    const body =
      where === "unknown field"
        ? valid.replace('"answers":', `"ghiChu":${deep},"answers":`)
        : where === "answer"
          ? valid.replace('"TONG_THE":3', `"TONG_THE":${deep}`)
          : where === "batch"
            ? `{"responses":[${valid}],"extra":${deep}}`
            : `{"responses":[${valid.replace('"answers":', `"ghiChu":${deep},"answers":`)}]}`;
    return { label: `api: nesting ${depth} deep in ${where === "batch" ? "the batch" : `a ${where}`}`, contentType: "application/json", body };
  });

export function apiPayload(): fc.Arbitrary<Payload> {
  const json = (label: string, value: unknown): Payload => ({ label, contentType: "application/json", body: JSON.stringify(value) });
  return fc.oneof(
    { arbitrary: badResponse.map(({ label, value }) => json(label, value)), weight: 12 },
    {
      arbitrary: fc
        .array(badResponse, { minLength: 1, maxLength: 20 })
        .map((items) => json(`api: batch of refused items (${items.map((i) => i.label).join("; ")})`, { responses: items.map((i) => i.value) })),
      weight: 4,
    },
    {
      arbitrary: fc.integer({ min: 501, max: 900 }).map((n) => json("api: batch over 500", { responses: Array.from({ length: n }, () => ({})) })),
      weight: 1,
    },
    {
      arbitrary: fc
        .oneof(wrongType, fc.string())
        .map((r) => json("api: responses is not a list", { responses: r }))
        .filter((p) => !String(p.body).startsWith('{"responses":[')),
      weight: 1,
    },
    {
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .filter((v) => v === null || typeof v !== "object" || Array.isArray(v))
        .map((v) => json("api: not an object", v)),
      weight: 1,
    },
    { arbitrary: deepJson.map((body) => ({ label: "api: deep nesting", contentType: "application/json", body })), weight: 1 },
    { arbitrary: deepInside, weight: 2 },
    {
      arbitrary: fc.tuple(badResponse, badUtf8).map(([r, b]) => ({
        label: "api: invalid UTF-8",
        contentType: "application/json",
        body: new Uint8Array(Buffer.concat([Buffer.from(JSON.stringify(r.value).slice(0, -2)), Buffer.from(b), Buffer.from('"}')])),
      })),
      weight: 1,
    },
    {
      arbitrary: fc
        .oneof(fc.string({ maxLength: 100 }), fc.constantFrom("", "{", "TONG_THE=3", "<xml/>", "null,"))
        .filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        })
        .chain((s) =>
          fc
            .constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded")
            .map((contentType) => ({ label: "api: not JSON", contentType, body: s })),
        ),
      weight: 1,
    },
    {
      arbitrary: fc.integer({ min: 2 * 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((n) => ({
        label: "api: body over 2 MB",
        contentType: "application/json",
        body: new Uint8Array(Buffer.concat([Buffer.from('{"pad":"'), Buffer.alloc(n, "x"), Buffer.from('"}')])),
      })),
      weight: 1,
    },
  );
}

// ------------------------------------------------------------------------------------------------- periods

/**
 * Query strings of periods (issue 16, finding 7): keys and custom ranges of any year from 0 to 9999 and past it,
 * the bounds of what is allowed and one day beyond, reversed and malformed ranges, wrong case, other digits.
 * Every page that reads a period must answer them without a 5xx.
 */
const year = fc.oneof(fc.constantFrom(0, 1, 2, 999, 1899, 1999, 2000, 2026, 2099, 2100, 9998, 9999), fc.integer({ min: 0, max: 9999 }));
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const periodKey = fc.oneof(
  year.map((y) => pad(y, 4)),
  fc.tuple(year, fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${pad(y, 4)}-${pad(m)}`),
  fc.tuple(year, fc.integer({ min: 0, max: 5 }), fc.constantFrom("Q", "q", "H", "h")).map(([y, i, k]) => `${pad(y, 4)}-${k}${i}`),
  fc.constantFrom("10000", "-001", "２０２６", "2026-Q3 ", " 2026", "2026-00", "custom", "", "2026-Q3%00", "9999-12", "0000-H1"),
  text(12),
);
const day = fc.oneof(
  fc.tuple(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.constantFrom(
    "0001-01-01",
    "9999-12-31",
    "1999-12-31",
    "2000-01-01",
    "2099-12-31",
    "2100-01-01",
    "2026-02-30",
    "2024-02-29",
    "26-07-01",
    "2026/07/01",
  ),
  text(12),
);

export type PeriodQuery = { label: string; query: string };

export const periodQuery: fc.Arbitrary<PeriodQuery> = fc.oneof(
  periodKey.map((key) => ({ label: `period=${key}`, query: new URLSearchParams({ period: key }).toString() })),
  fc
    .tuple(day, day)
    .map(([from, to]) => ({ label: `custom ${from} … ${to}`, query: new URLSearchParams({ period: "custom", from, to }).toString() })),
  fc.tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined })).map(([from, to]) => ({
    label: `from=${from} to=${to}`,
    query: new URLSearchParams({ ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }).toString(),
  })),
);

// ------------------------------------------------------------------------------------------------- origins

/**
 * `Origin` and `Host` headers a hand-made client can send (issue 16, finding 6): "null", empty, garbage, other
 * sites, look-alikes of this one, this one itself; and hosts the server cannot build a URL from.
 */
export function originHeaders(host: string): fc.Arbitrary<{ label: string; headers: Record<string, string> }> {
  const origin = fc.oneof(
    fc.constantFrom(
      "null",
      "",
      "::::",
      "http://evil.example",
      "https://evil.example",
      `http://${host}.evil.example`,
      `http://evil.example/${host}`,
      `https://${host}`,
      `http://${host}`,
      "file://",
      "http://[::1",
      "http://%zz",
    ),
    fc.webUrl().map((u) => new URL(u).origin),
    fc
      .string({ maxLength: 40 })
      .filter((v) => !/[\r\n\0]/.test(v) && v.trim() === v && [...v].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f)),
  );
  // (An empty Host is not sent as such by Node's client; tests/unit/security/origin.test.ts covers it.)
  const badHost = fc.constantFrom("a b", "a/b", "a@b", "a?b", "a#b", "a:99999", "[::1", `${host}/x`);
  return fc.oneof(
    origin.map((o) => ({ label: `Origin ${JSON.stringify(o)}`, headers: { origin: o } })),
    fc.tuple(origin, badHost).map(([o, h]) => ({ label: `Origin ${JSON.stringify(o)}, Host ${JSON.stringify(h)}`, headers: { origin: o, host: h } })),
    fc
      .tuple(origin, fc.constantFrom("evil.example", host))
      .map(([o, x]) => ({ label: `Origin ${JSON.stringify(o)}, X-Forwarded-Host ${x}`, headers: { origin: o, "x-forwarded-host": x } })),
  );
}
