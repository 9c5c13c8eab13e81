/**
 * Regressions from fuzzing the citizen form (tests/e2e/fuzz.spec.ts), on the route's action in-process
 * against a real SQLite file: each of these answered 500 (or stored a comment with U+FFFD) before.
 */
import { afterEach, describe, expect, it } from "vitest";

import { readEnv } from "../../app/env.server";
import { action } from "../../app/routes/q.$token";
import { provideServices } from "../../app/services.server";
import { VIETNAMESE } from "../support/fuzz-payloads";
import { demoServices, storedCounts } from "../support/services";
import { settle } from "../support/route";

afterEach(() => provideServices(undefined));

function setup() {
  const s = demoServices();
  provideServices({ env: readEnv({ DATABASE_PATH: s.db.$client.name } as never), db: s.db, surveys: s.surveys, secret: "x".repeat(40) });
  const { token } = s.db.$client.prepare("select token from counters where code = 'SO_YT-Q01'").get() as { token: string };
  return { ...s, token };
}

async function post(token: string, body: BodyInit, type: string | null) {
  const request = new Request(`http://test/q/${token}`, { method: "POST", body, headers: type ? { "content-type": type } : {} });
  return settle(() => action({ request, params: { token }, context: {} }));
}

const FORM = "application/x-www-form-urlencoded";

describe("hostile posts to the citizen form", () => {
  it.each([
    ["a field named constructor", "constructor=x&TONG_THE=7", FORM],
    ["a field named __proto__", "__proto__=x&TONG_THE=", FORM],
    ["JSON", '{"TONG_THE":3}', "application/json"],
    ["no content type", "TONG_THE=3", null],
    ["a multipart body without its boundary", "TONG_THE=3", "multipart/form-data"],
    ["a percent-escape that is not UTF-8", "TONG_THE=3&Y_KIEN=%C3", FORM],
  ])("%s: the form again with a Vietnamese message, nothing stored", async (_, body, type) => {
    const { db, token } = setup();
    const before = storedCounts(db);
    const outcome = await post(token, body, type);
    expect(outcome.kind).toBe("data");
    expect(outcome.status).toBe(400);
    const errors = outcome.kind === "data" ? (outcome.data.errors as Record<string, string>) : {};
    expect(Object.values(errors).join(" ")).toMatch(VIETNAMESE);
    expect(storedCounts(db)).toEqual(before);
  });

  it("an oversized body: 413, nothing stored", async () => {
    const { db, token } = setup();
    const before = storedCounts(db);
    const outcome = await post(token, `TONG_THE=3&pad=${"x".repeat(70_000)}`, FORM);
    expect(outcome.status).toBe(413);
    expect(storedCounts(db)).toEqual(before);
  });
});
