/**
 * Citizens' languages (docs/decisions/0023), through the routes on a real SQLite file: an added language, its
 * spreadsheet exported and imported back (one row left empty → Vietnamese), refusals that change nothing,
 * recordings stored by hash and served with ranges, the QR page in the language, a response stored with its
 * code.
 */
import fs from "node:fs";

import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { languageBreakdown } from "../../app/dashboard/languages.server";
import { vietnamDay } from "../../app/method/period";
import { loader as dashboardLoader } from "../../app/routes/quan-tri._index";
import { loader as tabletLoader } from "../../app/routes/khao-sat-vien";
import { voiceUrlsFor } from "../../app/field/voices";
import type { TabletLanguages } from "../../app/languages/device";
import { withLabels } from "../../app/languages/texts";
import { interviewsByLanguage } from "../../app/field/languages.server";
import { i18nForRequest } from "../../app/languages/request.server";
import { recordingsDir } from "../../app/languages/recordings.server";
import { ingestResponse } from "../../app/responses/ingest.server";
import { loader as audioLoader } from "../../app/routes/am-thanh.$file";
import { loader as rateLoader } from "../../app/routes/q.$token";
import { loader as sheetLoader } from "../../app/routes/quan-tri_.ban-dich.$file";
import { action as languageAction, loader as languageLoader } from "../../app/routes/quan-tri.ngon-ngu.$code";
import { action as languagesAction, loader as languagesLoader } from "../../app/routes/quan-tri.ngon-ngu._index";
import { provideServices, services } from "../../app/services.server";
import type { SurveyDefinition } from "../../app/survey/definition";
import type { Db } from "../../db/client";
import { silentWav } from "../support/audio";
import { addDevice, addUser } from "../support/field";
import { settle } from "../support/route";
import { providedDemoServices } from "../support/services";
import { args, csrfOf, get, HTTP, post, staff, type Staff } from "../support/staff";

const SECRET = "bí-mật-thử-nghiệm-ngôn-ngữ-0123456789abcdef";
const TONG_THE = "danh-gia-ho-so:q.TONG_THE.label";
const option = (code: number) => `danh-gia-ho-so:scales.SAT3.options.${code}.label`;
/** A fixture language: test text, not a translation (no language is invented, issue 20 point 6). */
const FIXTURE: Record<string, string> = {
  [TONG_THE]: "[xx] Tong the?",
  [option(3)]: "[xx] Zoo heev",
  [option(2)]: "[xx] Zoo",
  "ui:rate.submit": "[xx] Xa",
};

let db: Db;
let admin: Staff;

beforeEach(() => {
  db = providedDemoServices(SECRET).db;
  admin = staff(db, SECRET, "admin");
});
afterEach(() => provideServices(undefined));

function upload(path: string, fields: Record<string, string | File>): Request {
  const body = new FormData();
  body.set("csrf", csrfOf(SECRET));
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return new Request(`${HTTP}${path}`, { method: "POST", body, headers: { cookie: admin.cookie } });
}

const translationCount = () => (db.$client.prepare("select count(*) as n from translations").get() as { n: number }).n;
const token = () => (db.$client.prepare("select token from counters where code = 'TTHCC-Q01'").get() as { token: string }).token;

async function addFixture(enable = true) {
  const added = await settle(() => languagesAction(args(post("/quan-tri/ngon-ngu", { intent: "add", code: "xx", name: "Xx Lus" }, admin, SECRET))));
  expect(added.status).toBe(200);
  if (enable) await settle(() => languagesAction(args(post("/quan-tri/ngon-ngu", { intent: "enable", code: "xx" }, admin, SECRET))));
}

/** The exported CSV with the fixture's translations filled in (and every other row left empty). */
async function filledCsv(fixture: Record<string, string> = FIXTURE): Promise<string> {
  const out = await settle(() => sheetLoader(args(get("/quan-tri/ban-dich/xx.csv", admin), { file: "xx.csv" })));
  expect(out.kind === "response" && out.response.headers.get("content-type")).toContain("text/csv");
  const text = out.kind === "response" ? await out.response.text() : "";
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe("ma,noi_dung,tieng_viet,ban_dich");
  return lines
    .map((line) => {
      const key = line.split(",")[0]!;
      return fixture[key] ? `${line.replace(/,$/, "")},"${fixture[key]}"` : line;
    })
    .join("\r\n");
}

describe("languages as data", () => {
  it("adds a language once, refuses a bad code in Vietnamese, and lists its coverage", async () => {
    const bad = await settle(() => languagesAction(args(post("/quan-tri/ngon-ngu", { intent: "add", code: "Hmong!", name: "x" }, admin, SECRET))));
    expect(bad.status).toBe(400);
    await addFixture(false);
    const again = await settle(() => languagesAction(args(post("/quan-tri/ngon-ngu", { intent: "add", code: "xx", name: "Xx" }, admin, SECRET))));
    expect(again.kind === "data" && again.data.message).toBe("Ngôn ngữ «xx» đã có.");
    const listed = await settle(() => languagesLoader(args(get("/quan-tri/ngon-ngu", admin))));
    const rows = (listed.kind === "data" ? listed.data.languages : []) as { code: string; enabled: boolean; done: number; total: number }[];
    expect(rows).toEqual([expect.objectContaining({ code: "xx", enabled: false, done: 0 })]);
    expect(rows[0]!.total).toBeGreaterThan(50);
    // Not enabled: citizens are not offered it, and asking for it gives Vietnamese.
    const page = await settle(() => rateLoader(args(new Request(`${HTTP}/q/${token()}?lng=xx`), { token: token() })));
    expect(page.kind === "data" && page.data.locale).toBe("vi");
  });

  it("is for administrators only", async () => {
    const viewer = staff(db, SECRET, "viewer");
    const out = await settle(() => languagesLoader(args(get("/quan-tri/ngon-ngu", viewer))));
    expect(out.status).toBe(403);
    const forged = await settle(() =>
      languagesAction(args(post("/quan-tri/ngon-ngu", { intent: "add", code: "xx", name: "Xx" }, admin, SECRET, "forged"))),
    );
    expect(forged.status).toBe(403);
  });
});

describe("the translator's spreadsheet", () => {
  it("round-trips: the CSV filled in is imported, an empty row stays Vietnamese, coverage counts it", async () => {
    await addFixture();
    const csv = await filledCsv();
    const imported = await settle(() =>
      languageAction(
        args(upload("/quan-tri/ngon-ngu/xx", { intent: "import", file: new File([csv], "xx.csv", { type: "text/csv" }) }), { code: "xx" }),
      ),
    );
    expect(imported.kind === "data" && imported.data.message).toBe("Đã nhập: 4 câu có bản dịch, 0 câu bỏ bản dịch.");
    const page = await settle(() => languageLoader(args(get("/quan-tri/ngon-ngu/xx", admin), { code: "xx" })));
    expect(page.kind === "data" && (page.data.coverage as { done: number }).done).toBe(4);

    const rate = await settle(() => rateLoader(args(new Request(`${HTTP}/q/${token()}?lng=xx`), { token: token() })));
    const data = rate.kind === "data" ? rate.data : {};
    expect(data.locale).toBe("xx");
    expect(data.languages).toEqual([{ code: "xx", name: "Xx Lus", enabled: true }]);
    const def = data.def as SurveyDefinition;
    const q = def.sections[0]!.questions[0]!;
    expect(q.label.vi).toBe("[xx] Tong the?");
    expect(def.scales.SAT3!.options.map((o) => o.label.vi)).toEqual(["[xx] Zoo heev", "[xx] Zoo", "Không hài lòng"]);
    // Interface strings: translated where given, Vietnamese otherwise — never a key.
    const i18n = i18nForRequest(new Request(`${HTTP}/q/${token()}?lng=xx`));
    expect(i18n.t("rate.submit")).toBe("[xx] Xa");
    expect(i18n.t("rate.voteHint")).toBe("Đánh giá là ẩn danh. Sau khi gửi, Ông/Bà có thể cho biết thêm nếu muốn.");
  });

  it("reads the XLSX it writes", async () => {
    await addFixture();
    const out = await settle(() => sheetLoader(args(get("/quan-tri/ban-dich/xx.xlsx", admin), { file: "xx.xlsx" })));
    const bytes = out.kind === "response" ? await out.response.arrayBuffer() : new ArrayBuffer(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet("Bản dịch")!;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === TONG_THE) row.getCell(4).value = "[xx] Tong the?";
    });
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "xx.xlsx");
    const imported = await settle(() => languageAction(args(upload("/quan-tri/ngon-ngu/xx", { intent: "import", file }), { code: "xx" })));
    expect(imported.kind === "data" && imported.data.ok).toBe(true);
    expect(translationCount()).toBe(1);
  });

  it("refuses a malformed spreadsheet with a Vietnamese message per bad row and changes nothing", async () => {
    await addFixture();
    const good = await filledCsv();
    await settle(() => languageAction(args(upload("/quan-tri/ngon-ngu/xx", { intent: "import", file: new File([good], "a.csv") }), { code: "xx" })));
    const before = db.$client.prepare("select * from translations order by key").all();
    const lines = good.split("\r\n");
    const broken = [
      ...lines.slice(0, 3),
      'KHONG_CO,,"x","y"', // an unknown key
      `${option(1)},,"Không hài lòng lắm","Zoo tsis"`, // Vietnamese not the current version's
      `${TONG_THE},,"${"Nhìn chung, Ông/Bà hài lòng thế nào với việc giải quyết hồ sơ?"}","a {{max}}"`, // a placeholder added
    ].join("\r\n");
    const refused = await settle(() =>
      languageAction(args(upload("/quan-tri/ngon-ngu/xx", { intent: "import", file: new File([broken], "b.csv") }), { code: "xx" })),
    );
    expect(refused.status).toBe(400);
    const errors = refused.kind === "data" ? (refused.data.errors as string[]) : [];
    expect(errors[0]).toMatch(/^Dòng 4: mã «KHONG_CO» không phải một câu cần dịch/);
    expect(errors[1]).toMatch(/^Dòng 5: câu tiếng Việt khác với phiên bản hiện hành/);
    expect(errors[2]).toMatch(/^Dòng 6: bản dịch phải giữ nguyên/);
    for (const [name, bytes, message] of [
      ["no columns", "a,b\r\n1,2\r\n", /^Dòng 1: thiếu cột «ma», «tieng_viet», «ban_dich»/],
      ["broken quoting", 'ma,noi_dung,tieng_viet,ban_dich\r\n"x,1,2\r\n', /^Dòng 2: thiếu dấu ngoặc kép đóng/],
      ["not text", Buffer.from([0xff, 0xfe, 0, 1, 2]), /^Không đọc được tệp/],
      ["a broken xlsx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(40)]), /^Không đọc được tệp: không phải tệp Excel/],
    ] as const) {
      const out = await settle(() =>
        languageAction(
          args(
            upload("/quan-tri/ngon-ngu/xx", {
              intent: "import",
              file: new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], `${name}.csv`),
            }),
            { code: "xx" },
          ),
        ),
      );
      expect(out.status, name).toBe(400);
      expect((out.kind === "data" ? (out.data.errors as string[]) : [])[0], name).toMatch(message);
    }
    expect(db.$client.prepare("select * from translations order by key").all()).toEqual(before);
  });
});

describe("recordings", () => {
  it("stores a sniffed recording by hash, serves it with ranges and a year's cache, refuses what is not audio", async () => {
    await addFixture();
    const wav = silentWav();
    const saved = await settle(() =>
      languageAction(
        args(upload("/quan-tri/ngon-ngu/xx", { intent: "voice", key: TONG_THE, audio: new File([new Uint8Array(wav)], "a.mp3") }), { code: "xx" }),
      ),
    );
    expect(saved.kind === "data" && saved.data.message).toBe("Đã lưu bản ghi âm.");
    const files = fs.readdirSync(recordingsDir());
    expect(files).toHaveLength(1);
    const hash = files[0]!;

    const rate = await settle(() => rateLoader(args(new Request(`${HTTP}/q/${token()}?lng=xx`), { token: token() })));
    expect(rate.kind === "data" && (rate.data.voices as Record<string, string>)[TONG_THE]).toBe(`/am-thanh/${hash}`);

    const whole = await settle(() => audioLoader(args(new Request(`${HTTP}/am-thanh/${hash}`), { file: hash })));
    const response = whole.kind === "response" ? whole.response : new Response();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    expect(Buffer.from(await response.arrayBuffer()).equals(wav)).toBe(true);
    const part = await settle(() => audioLoader(args(new Request(`${HTTP}/am-thanh/${hash}`, { headers: { range: "bytes=0-11" } }), { file: hash })));
    const partial = part.kind === "response" ? part.response : new Response();
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 0-11/${wav.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).toString("latin1")).toBe("RIFF" + wav.subarray(4, 8).toString("latin1") + "WAVE");
    const past = await settle(() =>
      audioLoader(args(new Request(`${HTTP}/am-thanh/${hash}`, { headers: { range: `bytes=${wav.length}-` } }), { file: hash })),
    );
    expect(past.status).toBe(416);
    expect((await settle(() => audioLoader(args(new Request(`${HTTP}/am-thanh/x`), { file: "../x" })))).status).toBe(404);

    const recordings = () => db.$client.prepare("select * from recordings").all();
    const before = recordings();
    const text = await settle(() =>
      languageAction(
        args(
          upload("/quan-tri/ngon-ngu/xx", {
            intent: "voice",
            key: option(3),
            audio: new File(["<html>không phải âm thanh</html>"], "a.mp3", { type: "audio/mpeg" }),
          }),
          { code: "xx" },
        ),
      ),
    );
    expect(text.status).toBe(400);
    expect(text.kind === "data" && text.data.message).toMatch(/^Tệp này không phải âm thanh dùng được/);
    const big = Buffer.concat([wav, Buffer.alloc(2 * 1024 * 1024)]);
    const oversized = await settle(() =>
      languageAction(
        args(upload("/quan-tri/ngon-ngu/xx", { intent: "voice", key: option(3), audio: new File([new Uint8Array(big)], "a.wav") }), { code: "xx" }),
      ),
    );
    expect(oversized.status).toBe(413);
    expect(oversized.kind === "data" && oversized.data.message).toMatch(/^Bản ghi quá lớn/);
    expect(recordings()).toEqual(before);

    // Removed: the row and, unused now, the file.
    const removed = await settle(() =>
      languageAction(args(upload("/quan-tri/ngon-ngu/xx", { intent: "removeVoice", key: TONG_THE }), { code: "xx" })),
    );
    expect(removed.kind === "data" && removed.data.ok).toBe(true);
    expect(fs.readdirSync(recordingsDir())).toEqual([]);
  });
});

describe("who answered how", () => {
  it("stores a response with an added language's code and the interpreter flag; refuses an unknown code", async () => {
    await addFixture();
    const { surveys } = services();
    const body = (locale: string, id: string) => ({
      id,
      survey: "danh-gia-ho-so",
      agency: "TTHCC",
      channel: "surveyor",
      submittedAt: new Date().toISOString(),
      locale,
      interpreter: true,
      answers: { TONG_THE: 3 },
    });
    const stored = ingestResponse(db, surveys, body("xx", "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e60"), { source: "api" });
    expect(stored.status).toBe("created");
    expect(db.$client.prepare("select locale, interpreter from responses where uuid = ?").get("0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e60")).toEqual({
      locale: "xx",
      interpreter: 1,
    });
    // The dashboard's breakdown by language counts it, with its rate (TONG_THE 3: satisfied).
    const today = vietnamDay(Date.now());
    expect(languageBreakdown(db, surveys, { survey: "danh-gia-ho-so", range: { from: today, to: today } })).toEqual([
      { code: "xx", name: "Xx Lus", responses: 1, share: 100, rate: 100, n: 1 },
    ]);
    const page = await settle(() => dashboardLoader(args(get(`/quan-tri?survey=danh-gia-ho-so&period=custom&from=${today}&to=${today}`, admin))));
    expect(page.kind === "data" && page.data.languages).toEqual([expect.objectContaining({ code: "xx", responses: 1 })]);
    // The supervisor's table: a surveyor tablet's interview in xx, with an interpreter.
    const surveyor = addUser(db, `dtv-${Date.now()}`, "surveyor");
    const tablet = addDevice(db, { userId: surveyor });
    const viaTablet = ingestResponse(
      db,
      surveys,
      { ...body("xx", "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e62") },
      { source: "api", apiKeyId: tablet.keyId },
    );
    expect(viaTablet.status).toBe("created");
    expect(interviewsByLanguage(db)).toEqual([expect.objectContaining({ code: "xx", name: "Xx Lus", interviews: 1, interpreted: 1 })]);
    const unknown = ingestResponse(db, surveys, body("yy", "0193f0c2-7d1e-7c3a-9b1e-6a2f3c4d5e61"), { source: "api" });
    expect(unknown.status).toBe("invalid");
  });
});

describe("the surveyor's tablet", () => {
  const QUESTION = "sipas:q.GIOI_TINH.label";
  const OPTION = "sipas:q.GIOI_TINH.options.2.label";

  it("carries each enabled language's current labels and interview strings, and every language's recordings, in its page", async () => {
    await addFixture();
    const csv = await filledCsv({ [QUESTION]: "[xx] Poj niam los txiv neej?", "ui:field.next": "[xx] Mus ntxiv" });
    const imported = await settle(() =>
      languageAction(
        args(upload("/quan-tri/ngon-ngu/xx", { intent: "import", file: new File([csv], "xx.csv", { type: "text/csv" }) }), { code: "xx" }),
      ),
    );
    expect(imported.kind === "data" && imported.data.message).toBe("Đã nhập: 2 câu có bản dịch, 0 câu bỏ bản dịch.");
    for (const [code, key, samples] of [
      ["xx", QUESTION, 900],
      ["vi", OPTION, 901],
    ] as const) {
      const file = new File([new Uint8Array(silentWav(samples))], "a.wav");
      const saved = await settle(() => languageAction(args(upload(`/quan-tri/ngon-ngu/${code}`, { intent: "voice", key, audio: file }), { code })));
      expect(saved.kind === "data" && saved.data.message).toBe("Đã lưu bản ghi âm.");
    }

    // Signed out (a tablet whose session ended): the page still carries the languages, as it carries the surveys.
    const page = await settle(() => tabletLoader(args(new Request(`${HTTP}/khao-sat-vien`))));
    expect(page.status).toBe(200);
    const data = page.kind === "data" ? (page.data as { languages: TabletLanguages; defs: Record<string, SurveyDefinition> }) : undefined!;
    const pack = data.languages;
    expect(pack.languages).toEqual([
      { code: "xx", name: "Xx Lus", labels: { [QUESTION]: "[xx] Poj niam los txiv neej?" }, strings: { "field.next": "[xx] Mus ntxiv" } },
    ]);
    expect(Object.keys(pack.voices).sort()).toEqual(["en", "vi", "xx"]);
    expect(pack.voices.xx).toEqual({ [QUESTION]: expect.stringMatching(/^\/am-thanh\/[0-9a-f]{64}$/) });
    expect(pack.voices.vi).toEqual({ [OPTION]: expect.stringMatching(/^\/am-thanh\/[0-9a-f]{64}$/) });

    // The tablet's survey in the language: the translated question, the Vietnamese elsewhere, codes unchanged.
    const shown = withLabels(data.defs.sipas!, pack.languages[0]!.labels);
    const gioiTinh = shown.sections[0]!.questions.find((q) => q.code === "GIOI_TINH")!;
    expect(gioiTinh.label).toEqual({ vi: "[xx] Poj niam los txiv neej?", en: "Your sex" });
    expect(gioiTinh.type === "single" && gioiTinh.options.map((o) => [o.code, o.label.vi])).toEqual([
      [1, "Nam"],
      [2, "Nữ"],
    ]);
    expect(shown.sections[0]!.title).toEqual(data.defs.sipas!.sections[0]!.title);

    // What the tablet keeps: every language's recordings of its assigned surveys, and nothing of the others.
    expect(voiceUrlsFor(pack.voices, ["sipas"])).toEqual([pack.voices.xx![QUESTION], pack.voices.vi![OPTION]].sort());
    expect(voiceUrlsFor(pack.voices, ["danh-gia-ho-so"])).toEqual([]);
    expect(voiceUrlsFor(pack.voices, [])).toEqual([]);
  });
});
