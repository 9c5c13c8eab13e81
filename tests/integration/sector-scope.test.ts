/**
 * The sector departments' scope rule (app/auth/scope.server.ts, app/dashboard/scope.server.ts; ADR 0021), on the
 * demo directory in a real SQLite file: a Sở Y tế user is read back as role `sector`, may name a health unit in a
 * health survey and nothing else — an education unit, a SIPAS agency, the SIPAS survey, the counter rating, the
 * province — on the dashboard, a unit's page, the comments, the report and its files; pages opened without a unit
 * go to one of its sector's. Accounts: a sector user needs a sector and no agency.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { agencyScope, requireSurveyInScope } from "../../app/auth/scope.server";
import { roleOf, storedRole } from "../../app/auth/roles";
import { sectorOfAgency, surveysOfSector, unitsOfSector } from "../../app/auth/sector.server";
import { getUser, type SessionUser } from "../../app/auth/session.server";
import { createUser, listUsers, UserInputError } from "../../app/auth/users.server";
import { loader as unitLoader } from "../../app/routes/quan-tri.co-quan.$code";
import { loader as dashboardLoader } from "../../app/routes/quan-tri._index";
import { loader as commentsLoader } from "../../app/routes/quan-tri.gop-y._index";
import { loader as reportLoader } from "../../app/routes/quan-tri.bao-cao";
import { loader as reportFileLoader } from "../../app/routes/quan-tri_.bao-cao.$file";
import { action as accountsAction } from "../../app/routes/quan-tri.tai-khoan";
import { vi } from "../../app/locales/vi";
import { provideServices } from "../../app/services.server";
import { settle } from "../support/route";
import { providedDemoServices, type TestServices } from "../support/services";
import { args, get, post, staff, type Staff } from "../support/staff";

const SECRET = "sector-scope-secret-0123456789abcdef";
const HEALTH = ["BV_DK_TINH", "TTYT_TUAN_GIAO", "TYT_MUONG_ANG"];
const EDUCATION = ["MN_HOA_BAN", "TH_MUONG_THANH", "THCS_TUAN_GIAO", "THPT_PHAN_DINH_GIOT"];
const REFUSAL = "refused";

let s: TestServices;
let soyte: Staff;
let sogd: Staff;
beforeEach(() => {
  s = providedDemoServices(SECRET);
  soyte = staff(s.db, SECRET, "sector", undefined, "health");
  sogd = staff(s.db, SECRET, "sector", undefined, "education");
});
afterEach(() => provideServices(undefined));

const userOf = (who: Staff): SessionUser => getUser(s.db, SECRET, get("/quan-tri", who))!;
const status = (run: () => unknown) => {
  try {
    run();
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
};

describe("the sector scope rule", () => {
  it("reads a viewer with a sector back as role sector, and stores it as a viewer", () => {
    expect(userOf(soyte)).toMatchObject({ role: "sector", sector: "health", agencyCode: null });
    expect(roleOf("viewer", "health")).toBe("sector");
    expect(roleOf("viewer", null)).toBe("viewer");
    expect(roleOf("agency", null)).toBe("agency");
    expect(storedRole("sector")).toBe("viewer");
    expect(storedRole("admin")).toBe("admin");
  });

  it("knows each demo unit's sector and each survey's", () => {
    expect(
      unitsOfSector(s.db, "health")
        .map((u) => u.code)
        .sort(),
    ).toEqual([...HEALTH].sort());
    expect(
      unitsOfSector(s.db, "education")
        .map((u) => u.code)
        .sort(),
    ).toEqual([...EDUCATION].sort());
    expect(sectorOfAgency(s.db, "TTHCC")).toBeNull();
    expect(sectorOfAgency(s.db, "KHONG_CO")).toBeNull();
    expect(surveysOfSector(s.surveys, "health").sort()).toEqual(["y-te", "y-te-noi-tru", "y-te-tiem-chung"]);
    expect(surveysOfSector(s.surveys, "education").sort()).toEqual(["giao-duc-mam-non", "giao-duc-thcs", "giao-duc-thpt", "giao-duc-tieu-hoc"]);
    expect(s.surveys.get("sipas")!.def.sector).toBeUndefined();
    expect(s.surveys.get("danh-gia-ho-so")!.def.sector).toBeUndefined();
  });

  it("a Sở Y tế user may name each health unit and health survey, nothing else; other roles are as before", () => {
    const user = userOf(soyte);
    for (const unit of HEALTH) expect(agencyScope(user, REFUSAL, unit)).toBe(unit);
    for (const asked of [...EDUCATION, "TTHCC", "SO_YT", "SO_XD", "KHONG_CO", "province", null, undefined]) {
      expect(
        status(() => agencyScope(user, REFUSAL, asked)),
        String(asked),
      ).toBe(403);
    }
    for (const survey of ["y-te", "y-te-noi-tru", "y-te-tiem-chung"]) expect(status(() => requireSurveyInScope(user, survey, REFUSAL))).toBe(200);
    for (const survey of ["sipas", "danh-gia-ho-so", "giao-duc-thcs", "khong-co"])
      expect(
        status(() => requireSurveyInScope(user, survey, REFUSAL)),
        survey,
      ).toBe(403);
    const education = userOf(sogd);
    expect(agencyScope(education, REFUSAL, "MN_HOA_BAN")).toBe("MN_HOA_BAN");
    expect(status(() => agencyScope(education, REFUSAL, "BV_DK_TINH"))).toBe(403);
    expect(status(() => requireSurveyInScope(education, "y-te", REFUSAL))).toBe(403);
    // Unchanged: an admin sees the province, an agency head their own agency, and surveys do not limit them.
    const admin = userOf(staff(s.db, SECRET, "admin"));
    expect(agencyScope(admin, REFUSAL, "BV_DK_TINH")).toBeNull();
    expect(status(() => requireSurveyInScope(admin, "y-te", REFUSAL))).toBe(200);
    const head = userOf(staff(s.db, SECRET, "agency", "TTHCC"));
    expect(agencyScope(head, REFUSAL, null)).toBe("TTHCC");
    expect(status(() => agencyScope(head, REFUSAL, "BV_DK_TINH"))).toBe(403);
  });

  it("the dashboard, the comments and the report send a sector user without a unit to one of its sector's, in one of its surveys", async () => {
    for (const [who, units, sector] of [
      [soyte, HEALTH, "health"],
      [sogd, EDUCATION, "education"],
    ] as const) {
      for (const [loader, path, unitParam] of [
        [dashboardLoader, "/quan-tri", "agency"],
        [commentsLoader, "/quan-tri/gop-y", "agency"],
        [reportLoader, "/quan-tri/bao-cao", "scope"],
      ] as const) {
        const out = await settle(() => loader(args(get(path, who))));
        expect(out.status, path).toBe(302);
        const to = new URL(out.kind === "response" ? out.response.headers.get("location")! : "", "http://test");
        expect(to.pathname).toBe(path);
        expect(units).toContain(to.searchParams.get(unitParam));
        expect(s.surveys.get(to.searchParams.get("survey")!)!.def.sector).toBe(sector);
      }
    }
    // A unit named without a survey keeps the unit.
    const out = await settle(() => unitLoader(args(get("/quan-tri/co-quan/TYT_MUONG_ANG", soyte), { code: "TYT_MUONG_ANG" })));
    expect(out.status).toBe(302);
    expect(out.kind === "response" && out.response.headers.get("location")).toMatch(/^\/quan-tri\/co-quan\/TYT_MUONG_ANG\?survey=y-te/);
  });

  it("everything outside the sector is 403: another sector's unit, a SIPAS agency, the SIPAS survey, the province's report and files", async () => {
    const refused: [string, () => unknown][] = [
      [
        "/quan-tri/co-quan/MN_HOA_BAN?survey=giao-duc-mam-non",
        () => unitLoader(args(get("/quan-tri/co-quan/MN_HOA_BAN?survey=giao-duc-mam-non", soyte), { code: "MN_HOA_BAN" })),
      ],
      ["/quan-tri/co-quan/TTHCC?survey=sipas", () => unitLoader(args(get("/quan-tri/co-quan/TTHCC?survey=sipas", soyte), { code: "TTHCC" }))],
      ["/quan-tri/co-quan/TTHCC", () => unitLoader(args(get("/quan-tri/co-quan/TTHCC", soyte), { code: "TTHCC" }))],
      [
        "/quan-tri/co-quan/BV_DK_TINH?survey=sipas",
        () => unitLoader(args(get("/quan-tri/co-quan/BV_DK_TINH?survey=sipas", soyte), { code: "BV_DK_TINH" })),
      ],
      [
        "/quan-tri/co-quan/BV_DK_TINH?survey=y-te&agency=TTHCC",
        () => unitLoader(args(get("/quan-tri/co-quan/BV_DK_TINH?survey=y-te&agency=TTHCC", soyte), { code: "BV_DK_TINH" })),
      ],
      ["/quan-tri?survey=sipas", () => dashboardLoader(args(get("/quan-tri?survey=sipas", soyte)))],
      ["/quan-tri?agency=SO_XD", () => dashboardLoader(args(get("/quan-tri?agency=SO_XD", soyte)))],
      [
        "/quan-tri?agency=MN_HOA_BAN&survey=giao-duc-mam-non",
        () => dashboardLoader(args(get("/quan-tri?agency=MN_HOA_BAN&survey=giao-duc-mam-non", soyte))),
      ],
      ["/quan-tri/gop-y?agency=TTHCC", () => commentsLoader(args(get("/quan-tri/gop-y?agency=TTHCC", soyte)))],
      ["/quan-tri/bao-cao?scope=province", () => reportLoader(args(get("/quan-tri/bao-cao?scope=province", soyte)))],
      ["/quan-tri/bao-cao?scope=MN_HOA_BAN", () => reportLoader(args(get("/quan-tri/bao-cao?scope=MN_HOA_BAN", soyte)))],
      ["/quan-tri/bao-cao/so-lieu.xlsx", () => reportFileLoader(args(get("/quan-tri/bao-cao/so-lieu.xlsx", soyte), { file: "so-lieu.xlsx" }))],
      ["/quan-tri/bao-cao?scope=BV_DK_TINH&survey=sipas", () => reportLoader(args(get("/quan-tri/bao-cao?scope=BV_DK_TINH&survey=sipas", soyte)))],
      [
        "/quan-tri/bao-cao/phieu.csv?scope=MN_HOA_BAN",
        () => reportFileLoader(args(get("/quan-tri/bao-cao/phieu.csv?scope=MN_HOA_BAN", soyte), { file: "phieu.csv" })),
      ],
      [
        "/quan-tri/bao-cao/so-lieu.xlsx?scope=TTHCC",
        () => reportFileLoader(args(get("/quan-tri/bao-cao/so-lieu.xlsx?scope=TTHCC", soyte), { file: "so-lieu.xlsx" })),
      ],
    ];
    for (const [path, run] of refused) expect((await settle(run)).status, path).toBe(403);
  });
});

describe("accounts of sector departments", () => {
  it("need a sector and no agency; only they have a sector", async () => {
    const password = "mat-khau-dai-du-10";
    const id = await createUser(s.db, { username: "so.yte", role: "sector", sector: "health", password });
    expect(listUsers(s.db).find((u) => u.id === id)).toMatchObject({ role: "sector", sector: "health", agency: null });
    expect(s.db.$client.prepare("select role, service_sector as sector from users where id = ?").get(id) as object).toEqual({
      role: "viewer",
      sector: "health",
    });
    for (const [input, message] of [
      [{ role: "sector" }, /phải gắn với một ngành/],
      [{ role: "sector", sector: "nong-nghiep" }, /phải gắn với một ngành/],
      [{ role: "sector", sector: "health", agencyCode: "BV_DK_TINH" }, /không gắn với một cơ quan/],
      [{ role: "viewer", sector: "health" }, /Chỉ tài khoản vai trò «sector»/],
    ] as const) {
      await expect(createUser(s.db, { username: "so.khac", password, ...input })).rejects.toThrow(message);
      await expect(createUser(s.db, { username: "so.khac", password, ...input })).rejects.toBeInstanceOf(UserInputError);
    }
  });

  it("are created by an admin on the accounts screen with a sector; without one the form says so in Vietnamese and nothing is stored", async () => {
    const admin = staff(s.db, SECRET, "admin");
    const create = (fields: Record<string, string>) =>
      settle(() =>
        accountsAction(args(post("/quan-tri/tai-khoan", { intent: "create-user", password: "mat-khau-dai-du-10", ...fields }, admin, SECRET))),
      );
    const users = () => (s.db.$client.prepare("select count(*) as n from users").get() as { n: number }).n;
    const before = users();
    const missing = await create({ username: "so.gd.thieu", role: "sector" });
    expect(missing.status).toBe(400);
    // The field's error is a message key, said in Vietnamese beside the select.
    expect(missing.kind === "data" && missing.data).toMatchObject({ reply: { error: { sector: ["admin.sectorRequired"] } } });
    expect(vi.admin.sectorRequired).toBe("Chọn ngành của sở.");
    const bad = await create({ username: "so.gd.sai", role: "sector", sector: "van-hoa" });
    expect(bad.status).toBe(400);
    expect(users()).toBe(before);
    const made = await create({ username: "so.gd.moi", role: "sector", sector: "education" });
    expect(made).toMatchObject({ status: 200, kind: "data" });
    expect(listUsers(s.db).find((u) => u.username === "so.gd.moi")).toMatchObject({ role: "sector", sector: "education", agency: null });
    // A sector left in the select for another role is not kept.
    await create({ username: "xem.moi", role: "viewer", sector: "health" });
    expect(listUsers(s.db).find((u) => u.username === "xem.moi")).toMatchObject({ role: "viewer", sector: null });
  });
});
