/** buildResponseSchema (envelope + answers, i18n keys as messages) and canonicalContent (idempotency). */
import { describe, expect, it } from "vitest";

import { buildResponseSchema, canonicalContent, type CheckedResponse } from "../../../app/survey/response";
import { ratingBody, sipasBody } from "../../support/bodies";
import { realDefinition } from "../../support/surveys";

const dossier = realDefinition("danh-gia-ho-so");
const sipas = realDefinition("sipas");

function issuesOf(def: typeof dossier, body: unknown) {
  const parsed = buildResponseSchema(def).safeParse(body);
  if (parsed.success) throw new Error("expected the body to be refused");
  return parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message, params: (i as { params?: unknown }).params }));
}

function checked(def: typeof dossier, body: unknown): CheckedResponse {
  const parsed = buildResponseSchema(def).safeParse(body);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe("buildResponseSchema", () => {
  it("accepts the docs/contracts.md example and returns normalised answers and a lower-case id", () => {
    const body = sipasBody({ id: "0193F0C2-7D1E-7C3A-9B1E-6A2F3C4D5E6F" });
    expect(checked(sipas, body)).toEqual({
      ...body,
      id: "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e6f",
      answers: { ...body.answers, MONG_DOI: [1, 3] },
    });
  });

  it("defaults the locale to vi and accepts absent field and counter", () => {
    const { locale: _locale, field: _field, counter: _counter, ...body } = ratingBody();
    const r = checked(dossier, body);
    expect(r.locale).toBe("vi");
    expect(r.field).toBeUndefined();
    expect(r.counter).toBeUndefined();
  });

  it("gives an i18n key for each envelope problem", () => {
    expect(issuesOf(dossier, ratingBody({ id: "not-a-uuid" }))).toMatchObject([{ path: "id", message: "invalidId" }]);
    expect(issuesOf(dossier, ratingBody({ channel: "sms" }))).toMatchObject([{ path: "channel", message: "invalidChannel" }]);
    expect(issuesOf(dossier, ratingBody({ submittedAt: "2026-08-14T09:12:00" }))).toMatchObject([{ path: "submittedAt", message: "invalidInstant" }]);
    expect(issuesOf(dossier, ratingBody({ submittedAt: "2026-02-30T09:12:00+07:00" }))).toMatchObject([
      { path: "submittedAt", message: "invalidInstant" },
    ]);
    // A well-formed code that names no language ("fr") is refused by the write path, which knows the added
    // languages (tests/integration/languages.test.ts); the schema refuses what is not a code at all.
    expect(issuesOf(dossier, ratingBody({ locale: "Français" }))).toMatchObject([{ path: "locale", message: "invalidLocale" }]);
    expect(issuesOf(dossier, ratingBody({ answers: [3] }))).toMatchObject([{ path: "answers", message: "invalidAnswers" }]);
    expect(issuesOf(dossier, ratingBody({ agency: "TT HCC" }))).toMatchObject([{ path: "agency", message: "invalidCode" }]);
    expect(issuesOf(dossier, ratingBody({ counter: "" }))).toMatchObject([{ path: "counter", message: "invalidCode" }]);
  });

  it("accepts every channel of docs/contracts.md and an instant in UTC", () => {
    for (const channel of ["qr", "kiosk", "surveyor", "paper", "phone", "web"]) {
      expect(checked(dossier, ratingBody({ channel })).channel).toBe(channel);
    }
    expect(checked(dossier, ratingBody({ submittedAt: "2026-08-14T02:12:00Z" })).submittedAt).toBe("2026-08-14T02:12:00Z");
  });

  it("refuses a body of another survey with unknownSurvey naming it", () => {
    expect(issuesOf(dossier, sipasBody())).toEqual([{ path: "survey", message: "unknownSurvey", params: { value: "sipas" } }]);
  });

  it("refuses bad answers with one issue per question, the question in its params", () => {
    expect(issuesOf(dossier, ratingBody({ answers: { TONG_THE: 7, XYZ: 1 } }))).toEqual([
      { path: "answers.XYZ", message: "unknownQuestion", params: { question: "XYZ" } },
      { path: "answers.TONG_THE", message: "codeNotAllowed", params: { question: "TONG_THE", value: 7, allowed: "3, 2, 1" } },
    ]);
  });

  it("insists on required answers only when asked to", () => {
    const body = ratingBody({ answers: { THUAN_TIEN: 2 } });
    expect(buildResponseSchema(dossier).safeParse(body).success).toBe(true);
    const strict = buildResponseSchema(dossier, { requireRequired: true }).safeParse(body);
    expect(strict.success).toBe(false);
    expect(strict.error?.issues).toMatchObject([{ path: ["answers", "TONG_THE"], message: "required" }]);
  });
});

describe("canonicalContent", () => {
  const base = sipasBody();

  it("is the same for the same content in another key order, multi order or id case", () => {
    const reordered = {
      answers: Object.fromEntries(
        Object.entries(base.answers)
          .reverse()
          .map(([k, v]) => [k, Array.isArray(v) ? [...v].reverse() : v]),
      ),
      locale: base.locale,
      submittedAt: base.submittedAt,
      channel: base.channel,
      counter: base.counter,
      field: base.field,
      agency: base.agency,
      survey: base.survey,
      id: base.id.toUpperCase(),
    };
    expect(Object.keys(reordered.answers)[0]).toBe("Y_KIEN");
    expect(canonicalContent(checked(sipas, reordered))).toBe(canonicalContent(checked(sipas, base)));
  });

  it("is the same for the same instant written with another offset, and for NFD/NFC text", () => {
    const utc = sipasBody({ submittedAt: "2026-08-14T02:12:00Z" });
    expect(canonicalContent(checked(sipas, utc))).toBe(canonicalContent(checked(sipas, base)));
    const nfd = sipasBody({ answers: { ...base.answers, Y_KIEN: ` ${base.answers.Y_KIEN.normalize("NFD")} ` } });
    expect(canonicalContent(checked(sipas, nfd))).toBe(canonicalContent(checked(sipas, base)));
  });

  it("does not depend on the id: the id is the key, the content is the rest", () => {
    expect(canonicalContent(checked(sipas, sipasBody({ id: "11111111-2222-4333-8444-555555555555" })))).toBe(canonicalContent(checked(sipas, base)));
  });

  it("differs when anything else differs", () => {
    const reference = canonicalContent(checked(sipas, base));
    const variants = [
      sipasBody({ answers: { ...base.answers, HL_TC: 5 } }),
      sipasBody({ answers: { ...base.answers, MONG_DOI: [1] } }),
      sipasBody({ answers: { ...base.answers, Y_KIEN: "Khác" } }),
      sipasBody({ answers: { ...base.answers, GIOI_TINH: undefined } }),
      sipasBody({ agency: "SO_TP" }),
      sipasBody({ field: undefined }),
      sipasBody({ counter: undefined }),
      sipasBody({ procedure: "1.001234" }),
      sipasBody({ channel: "paper" }),
      sipasBody({ submittedAt: "2026-08-14T09:12:01+07:00" }),
      sipasBody({ locale: "en" }),
    ];
    const contents = variants.map((v) => canonicalContent(checked(sipas, v)));
    for (const [i, c] of contents.entries()) expect(c, `variant ${i}`).not.toBe(reference);
    expect(new Set(contents).size).toBe(contents.length);
    expect(canonicalContent(checked(dossier, ratingBody()))).not.toBe(reference);
  });
});
