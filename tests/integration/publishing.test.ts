/**
 * Publishing results on a real SQLite file: the frozen snapshot (built by the dashboard's assembly, held to
 * its zod shape), the privacy rule (a group under 30 responses and a comment never reach the snapshot or the
 * public HTML), late uploads, withdrawal and republication, and the admin route's role and CSRF checks.
 *
 * Counter ratings in Q3 2026 (overall target > 95 %, land ≥ 90 %):
 *   A1 (land): 36 satisfied + 4 not = 40 → 90.00 %; X1 (civil status): 39 + 1 = 40 → 97.50 %;
 *   X2 (civil status): 13 satisfied + 4 not = 17 responses → 76.47 %, under 30: never published as a number.
 */
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { PublishedFigures } from "../../app/components/publishing/PublishedFigures";
import { readEnv } from "../../app/env.server";
import { forLocale } from "../../app/i18n/i18n";
import { buildSnapshot } from "../../app/publishing/build.server";
import { findPublication, livePublications, publish, withdraw } from "../../app/publishing/publications.server";
import { snapshotSchema, type Snapshot } from "../../app/publishing/snapshot";
import { loader as publicIndexLoader } from "../../app/routes/cong-khai._index";
import { loader as publicPeriodLoader } from "../../app/routes/cong-khai.$id";
import { action as publishAction, loader as publishLoader } from "../../app/routes/quan-tri.cong-bo";
import { provideServices } from "../../app/services.server";
import { province, submit, type Province } from "../support/results-fixture";
import { settle } from "../support/route";
import { args, get, post, staff } from "../support/staff";

const SECRET = "bí-mật-thử-nghiệm-công-bố-0123456789abcdef";
const TODAY = "2026-11-22";
const Q3 = { survey: "danh-gia-ho-so" as const, period: "2026-Q3" };
const SECRET_COMMENT = "Cán bộ Nguyễn Văn A ở xã Hai đòi tiền <script>alert('x')</script>";

function rate(p: Province, agency: string, field: string, codes: number[], comment?: string, at = "2026-08-14T09:00:00+07:00") {
  for (const TONG_THE of codes) {
    submit(p, {
      survey: "danh-gia-ho-so",
      agency,
      field,
      counter: `${agency}-Q01`,
      channel: "qr",
      at,
      answers: { TONG_THE, THAI_DO: TONG_THE, ...(comment ? { Y_KIEN: comment } : {}) },
    });
  }
}
const times = (n: number, code: number) => Array<number>(n).fill(code);

let p: Province;
beforeEach(() => {
  p = province();
  rate(p, "A1", "DAT_DAI", [...times(36, 3), ...times(4, 1)]);
  rate(p, "X1", "HO_TICH", [...times(39, 2), 1]);
  rate(p, "X2", "HO_TICH", [...times(13, 3), ...times(3, 1)]);
  rate(p, "X2", "HO_TICH", [1], SECRET_COMMENT);
  provideServices({ env: readEnv({ DATABASE_PATH: p.db.$client.name } as never), db: p.db, surveys: p.surveys, secret: SECRET });
});
afterEach(() => provideServices(undefined));

const render = (s: Snapshot) =>
  renderToString(createElement(I18nextProvider, { i18n: forLocale("vi") }, createElement(PublishedFigures, { snapshot: s })));

describe("the snapshot", () => {
  it("holds the dashboard's figures for units with enough responses, and only the name of a small one", () => {
    const s = buildSnapshot(p.db, p.surveys, Q3, TODAY);
    expect(s.province).toMatchObject({ enough: true, responses: 97, target: { op: ">", pct: 95 }, status: "notMet" });
    expect(s.agencies).toEqual([
      expect.objectContaining({ code: "X1", enough: true, responses: 40, index: 97.5, status: "met", rank: 1 }),
      expect.objectContaining({ code: "A1", enough: true, responses: 40, index: 90, status: "notMet", rank: 2 }),
      { code: "X2", enough: false },
    ]);
    expect(s.fields.map((f) => [f.code, f.enough])).toEqual([
      ["DAT_DAI", true],
      ["HO_TICH", true],
    ]);
    // Civil status holds X1 and X2 together: 52 / 57 = 91.23 %, enough responses, below > 95.
    expect(s.toCorrect).toEqual([
      expect.objectContaining({ kind: "agency", code: "A1", index: 90, belowTarget: true }),
      expect.objectContaining({ kind: "field", code: "HO_TICH", index: 91.23, belowTarget: true }),
    ]);
    expect(s.names.agencies).toEqual({ A1: "Trung tâm Phục vụ hành chính công tỉnh", X1: "Xã Một", X2: "Xã Hai" });
  });

  it("neither the stored snapshot nor the public HTML holds the small group's figures or any comment", () => {
    const admin = staff(p.db, SECRET, "admin");
    const id = publish(p.db, { snapshot: buildSnapshot(p.db, p.surveys, Q3, TODAY), userId: admin.id });
    const stored = (p.db.$client.prepare("select snapshot from publications where id = ?").get(id) as { snapshot: string }).snapshot;
    for (const leak of ["76.47", "76,47", "Nguyễn Văn A", "đòi tiền", "<script", "alert", '"responses":17', "Y_KIEN"])
      expect(stored).not.toContain(leak);
    const html = render(snapshotSchema.parse(JSON.parse(stored)));
    for (const leak of ["76,47", "76.47", "Nguyễn Văn A", "đòi tiền", "script", "alert"]) expect(html).not.toContain(leak);
    // X2's row: its name and "chưa đủ số phiếu", no count (17) and no rate.
    const row = /<tr><th scope="row">Xã Hai<\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? "";
    expect(row).toContain("chưa đủ số phiếu");
    expect(row).not.toMatch(/\d/);
    expect(html).toContain("97,50");
  });

  it("cannot hold a number for a small group or any extra text: the schema refuses both", () => {
    const s = buildSnapshot(p.db, p.surveys, Q3, TODAY);
    const small = {
      ...s,
      agencies: [
        {
          code: "X2",
          enough: true,
          responses: 17,
          index: 76.47,
          ciLow: null,
          ciHigh: null,
          target: null,
          status: "noTarget",
          rank: null,
          delta: null,
        },
      ],
    };
    expect(snapshotSchema.safeParse(small).success).toBe(false);
    expect(snapshotSchema.safeParse({ ...s, comments: [SECRET_COMMENT] }).success).toBe(false);
    expect(snapshotSchema.safeParse({ ...s, agencies: [{ code: "X2", enough: false, note: SECRET_COMMENT }] }).success).toBe(false);
    expect(snapshotSchema.safeParse({ ...s, names: { ...s.names, agencies: { ...s.names.agencies, ZZ: SECRET_COMMENT } } }).success).toBe(false);
    expect(
      snapshotSchema.safeParse({ ...s, names: { ...s.names, agencies: { ...s.names.agencies, X2: "<img src=x onerror=alert(1)>" } } }).success,
    ).toBe(false);
  });

  it("is frozen: a late upload changes the dashboard, never the published figures", () => {
    const admin = staff(p.db, SECRET, "admin");
    const before = buildSnapshot(p.db, p.surveys, Q3, TODAY);
    const id = publish(p.db, { snapshot: before, userId: admin.id });
    rate(p, "A1", "DAT_DAI", times(20, 3)); // a late upload into Q3
    expect(buildSnapshot(p.db, p.surveys, Q3, TODAY).province).not.toEqual(before.province);
    const found = findPublication(p.db, id);
    expect(found && "live" in found ? found.live.snapshot : null).toEqual(before);
  });
});

describe("publishing, withdrawing, publishing again", () => {
  it("the newest publication of a period shows; withdrawing it takes the period off the page", () => {
    const admin = staff(p.db, SECRET, "admin");
    const first = publish(p.db, { snapshot: buildSnapshot(p.db, p.surveys, Q3, TODAY), userId: admin.id });
    const second = publish(p.db, { snapshot: buildSnapshot(p.db, p.surveys, Q3, TODAY), userId: admin.id });
    expect(livePublications(p.db).map((l) => l.id)).toEqual([second]);
    expect(findPublication(p.db, first)).toEqual({ newer: second });
    expect(withdraw(p.db, { id: second, userId: admin.id })).toBe("withdrawn");
    expect(withdraw(p.db, { id: second, userId: admin.id })).toBe("already");
    expect(livePublications(p.db)).toEqual([]);
    expect(findPublication(p.db, first)).toBeNull();
    expect(findPublication(p.db, second)).toBeNull();
    const third = publish(p.db, { snapshot: buildSnapshot(p.db, p.surveys, Q3, TODAY), userId: admin.id });
    expect(livePublications(p.db).map((l) => l.id)).toEqual([third]);
    const audits = p.db.$client
      .prepare("select action, target, user_id as userId from audit_log where action like 'publication.%' order by id")
      .all();
    expect(audits).toEqual([
      { action: "publication.publish", target: String(first), userId: admin.id },
      { action: "publication.publish", target: String(second), userId: admin.id },
      { action: "publication.withdraw", target: String(second), userId: admin.id },
      { action: "publication.publish", target: String(third), userId: admin.id },
    ]);
  });
});

describe("the routes", () => {
  const count = () => (p.db.$client.prepare("select count(*) as n from publications").get() as { n: number }).n;

  it("admin publishes and withdraws through the form; the public pages follow, with cache headers and no cookie", async () => {
    const admin = staff(p.db, SECRET, "admin");
    const preview = await settle(() => publishLoader(args(get("/quan-tri/cong-bo?survey=danh-gia-ho-so&period=2026-Q3", admin))));
    expect(preview.kind === "data" && (preview.data.preview as Snapshot).agencies.length).toBe(3);

    const fingerprint = preview.kind === "data" ? String(preview.data.fingerprint) : "";
    const published = await settle(() => publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", ...Q3, fingerprint }, admin, SECRET))));
    expect(published).toMatchObject({ status: 200, data: { ok: true } });
    const id = (published.kind === "data" && (published.data.id as number)) || 0;

    const index = await settle(() => publicIndexLoader(args(get("/cong-khai"))));
    expect(index.kind === "data" && index.headers.get("Cache-Control")).toBe("public, max-age=0, s-maxage=60");
    expect(index.kind === "data" && index.headers.get("Set-Cookie")).toBeNull();
    expect(index.kind === "data" && (index.data.items as { id: number }[]).map((i) => i.id)).toEqual([id]);
    const page = await settle(() => publicPeriodLoader(args(get(`/cong-khai/${id}`), { id: String(id) })));
    expect(page.status).toBe(200);

    const withdrawn = await settle(() => publishAction(args(post("/quan-tri/cong-bo", { intent: "withdraw", id: String(id) }, admin, SECRET))));
    expect(withdrawn).toMatchObject({ status: 200, data: { ok: true } });
    const gone = await settle(() => publicPeriodLoader(args(get(`/cong-khai/${id}`), { id: String(id) })));
    expect(gone).toMatchObject({ thrown: true, status: 404 });
    const empty = await settle(() => publicIndexLoader(args(get("/cong-khai"))));
    expect(empty.kind === "data" && empty.data.items).toEqual([]);
  });

  it("publishes only the figures the administrator previewed: a response arriving in between refuses the click and nothing is stored", async () => {
    const admin = staff(p.db, SECRET, "admin");
    const previewOf = async () => {
      const outcome = await settle(() => publishLoader(args(get("/quan-tri/cong-bo?survey=danh-gia-ho-so&period=2026-Q3", admin))));
      if (outcome.kind !== "data") throw new Error("expected loader data");
      return { snapshot: outcome.data.preview as Snapshot, fingerprint: String(outcome.data.fingerprint) };
    };
    const seen = await previewOf();
    expect(seen.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Same figures, same fingerprint: the preview is stable while nothing arrives.
    expect((await previewOf()).fingerprint).toBe(seen.fingerprint);

    // No fingerprint (a hand-made post) or a malformed one: refused, nothing stored.
    for (const fingerprint of [undefined, "abc", "z".repeat(64)]) {
      const body = fingerprint === undefined ? { intent: "publish", ...Q3 } : { intent: "publish", ...Q3, fingerprint };
      const refused = await settle(() => publishAction(args(post("/quan-tri/cong-bo", body, admin, SECRET))));
      expect(refused).toMatchObject({ status: 400, data: { ok: false, message: expect.stringContaining("Chưa có bản xem trước") } });
    }

    // One more rating of A1 in Q3 reaches the server after the preview.
    rate(p, "A1", "DAT_DAI", [1]);
    const stale = await settle(() =>
      publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", ...Q3, fingerprint: seen.fingerprint }, admin, SECRET))),
    );
    expect(stale).toMatchObject({ status: 409, data: { ok: false, message: expect.stringContaining("đã thay đổi sau khi xem trước") } });
    expect(count()).toBe(0);

    // The new preview shows the new figures; publishing it stores exactly what was shown.
    const fresh = await previewOf();
    expect(fresh.fingerprint).not.toBe(seen.fingerprint);
    expect(fresh.snapshot.province).toMatchObject({ responses: 98 });
    const done = await settle(() =>
      publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", ...Q3, fingerprint: fresh.fingerprint }, admin, SECRET))),
    );
    expect(done).toMatchObject({ status: 200, data: { ok: true } });
    const id = (done.kind === "data" && (done.data.id as number)) || 0;
    const stored = findPublication(p.db, id);
    expect(stored && "live" in stored ? stored.live.snapshot : null).toEqual(fresh.snapshot);
  });

  it("refuses other roles, a missing or forged CSRF token and a bad period, changing nothing", async () => {
    const admin = staff(p.db, SECRET, "admin");
    for (const role of ["viewer", "agency", "surveyor"] as const) {
      const who = staff(p.db, SECRET, role, role === "agency" ? "A1" : undefined);
      expect((await settle(() => publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", ...Q3 }, who, SECRET))))).status).toBe(403);
      expect((await settle(() => publishLoader(args(get("/quan-tri/cong-bo", who))))).status).toBe(403);
    }
    for (const csrf of [null, "gia-mao"]) {
      expect((await settle(() => publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", ...Q3 }, admin, SECRET, csrf))))).status).toBe(
        403,
      );
    }
    const bad = await settle(() =>
      publishAction(args(post("/quan-tri/cong-bo", { intent: "publish", survey: "danh-gia-ho-so", period: "2026-Q9" }, admin, SECRET))),
    );
    expect(bad).toMatchObject({ status: 400, data: { ok: false, message: expect.stringContaining("Kỳ báo cáo không hợp lệ") } });
    const reversed = await settle(() =>
      publishAction(
        args(
          post(
            "/quan-tri/cong-bo",
            { intent: "publish", survey: "danh-gia-ho-so", period: "custom", from: "2026-09-30", to: "2026-07-01" },
            admin,
            SECRET,
          ),
        ),
      ),
    );
    expect(reversed.status).toBe(400);
    const unknown = await settle(() => publishAction(args(post("/quan-tri/cong-bo", { intent: "withdraw", id: "999" }, admin, SECRET))));
    expect(unknown).toMatchObject({ status: 404, data: { message: "Không có bản công bố này." } });
    expect(count()).toBe(0);
  });

  it("the public pages are rate-limited per address", async () => {
    let last = 0;
    for (let i = 0; i < 121; i++) last = (await settle(() => publicIndexLoader(args(get("/cong-khai"))))).status;
    expect(last).toBe(429);
  });
});
