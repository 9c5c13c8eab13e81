/**
 * `npm run sipas -- <command>`: the command line of docs/contracts.md. Each command opens the database named
 * by DATABASE_PATH (migrating it first), does one job, and exits non-zero with a Vietnamese message on
 * bad input.
 */
import fs from "node:fs";
import readline from "node:readline";
import { parseArgs } from "node:util";

import { machineBaseUrl, UNSET_PUBLIC_URL_WARNING } from "~/addresses/addresses.server";
import { counterLinks } from "~/counters/lookup.server";
import { counterUrl, findQrCounter, rotateToken } from "~/counters/qr.server";
import { createApiKey } from "~/auth/api-keys.server";
import { audit } from "~/auth/audit.server";
import { API_KEY_KINDS, type ApiKeyKind } from "~/auth/roles";
import { createUser, UserInputError } from "~/auth/users.server";
import { importDirectory } from "~/directory/import.server";
import { samplePlan } from "~/dossiers/plan.server";
import { DateInputError, parseRange } from "~/method/period";
import { importList } from "~/qd766/cli.server";
import { isQd766By, QD766_BY, qd766Indicators } from "~/qd766/indicators.server";
import { readEnv } from "~/env.server";
import { importResponses } from "~/responses/import.server";
import { checkRequestedYears } from "~/results/query";
import { getResults, ResultsInputError } from "~/results/results.server";
import { rebuildRollups } from "~/results/rollups.server";
import { demoAccess, isEmpty, openServices, type Services } from "~/services.server";
import { LOCALES, type Locale } from "~/survey/codes";

import { registerProvince, HubInputError } from "~/national/hub-store.server";
import { directTarget, httpTarget, syncNational, SyncError, type HubTarget } from "~/national/sync.server";

import { generateResponses } from "../db/seed/generate";
import { migrateHub, openHub, type HubDb } from "../hub/client";
import { seedDemo } from "../db/seed/demo";

type Command = { help: string; run: (args: string[], open: () => Services) => Promise<number> | number };

function fail(message: string): number {
  process.stderr.write(`Lỗi: ${message}\n`);
  return 2;
}

function readJsonFile(file: string | undefined): unknown {
  if (!file) throw new UsageError("thiếu tên tệp");
  if (!fs.existsSync(file)) throw new UsageError(`không có tệp «${file}»`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`«${file}» không phải JSON hợp lệ (${(error as Error).message})`);
  }
}

class UsageError extends Error {}

/** The password from stdin (scripts, CI) or typed at a prompt that does not echo it. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += chunk;
    const line = text.split(/\r?\n/)[0] ?? "";
    if (!line) throw new UsageError("không đọc được mật khẩu từ stdin");
    return line;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write("Mật khẩu: ");
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

const commands: Record<string, Command> = {
  migrate: {
    help: "áp dụng các migration còn thiếu",
    run: (_args, open) => {
      open();
      console.log("Đã cập nhật cấu trúc cơ sở dữ liệu.");
      return 0;
    },
  },
  "seed-demo": {
    help: "nạp tỉnh mẫu (danh mục, quầy, phiếu mẫu) vào cơ sở dữ liệu trống",
    run: (_args, open) => {
      const { db, surveys, env } = open();
      if (!isEmpty(db)) return fail("cơ sở dữ liệu đã có danh mục; chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu trống");
      // The same rule as the server's first start: the public password only for a loopback HOST or SIPAS_DEMO=1.
      const access = demoAccess(env);
      console.log(JSON.stringify(seedDemo(db, surveys, { password: access.password, responses: env.SIPAS_DEMO_RESPONSES })));
      console.error(`Mật khẩu các tài khoản mẫu: ${access.password}${access.public ? " (mật khẩu mẫu công khai)" : " (ngẫu nhiên, chỉ in một lần)"}`);
      return 0;
    },
  },
  "import-directory": {
    help: "FILE.json — thêm hoặc cập nhật ngành, lĩnh vực (và chỉ tiêu), cơ quan, quầy; lỗi một dòng thì không đổi gì",
    run: ([file], open) => {
      const input = readJsonFile(file);
      const result = importDirectory(open().db, input);
      if (!result.ok) {
        for (const e of result.errors) process.stderr.write(`${e.path}: ${e.message}\n`);
        process.stderr.write(`Không nạp gì: ${result.errors.length} lỗi.\n`);
        return 1;
      }
      console.log(JSON.stringify({ created: result.created, updated: result.updated }));
      return 0;
    },
  },
  "import-responses": {
    help: 'FILE.jsonl — mỗi dòng một phiếu; in {"created","duplicates","rejected"} và lý do từng dòng bị từ chối',
    run: async ([file], open) => {
      if (!file) throw new UsageError("thiếu tên tệp");
      if (!fs.existsSync(file)) throw new UsageError(`không có tệp «${file}»`);
      const { db, surveys, env, secret } = open();
      const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Infinity });
      const summary = await importResponses(db, surveys, lines, {
        source: `import:${file}`,
        dossiers: { secret, requireKnown: env.REQUIRE_KNOWN_DOSSIER === "1" },
        onRejected: (r) => console.log(JSON.stringify({ line: r.line, id: r.id ?? null, rejected: r.reasons })),
      });
      console.log(JSON.stringify(summary));
      return summary.rejected ? 1 : 0;
    },
  },
  "import-dossiers": {
    help: "FILE.csv|FILE.xlsx — hồ sơ (code,agency,field,procedure,received,due,returned,channel; hoặc code,agency,field,procedure,returned); chỉ lưu bản băm của mã; lỗi một dòng thì không đổi gì",
    run: ([file], open) => importList("dossiers", file, open),
  },
  "import-pakn": {
    help: "FILE.csv|FILE.xlsx — phản ánh, kiến nghị (id,agency,received,due,handled,dossier,unsatisfied); lỗi một dòng thì không đổi gì",
    run: ([file], open) => importList("pakn", file, open),
  },
  "indicators-766": {
    help: "--from NGÀY --to NGÀY [--by none|agency|sector|field|month|quarter|year] --json — chỉ số hài lòng theo QĐ 766 (5.2, 5.3, 5.4)",
    run: (args, open) => {
      const { values } = parseArgs({
        args,
        options: { from: { type: "string" }, to: { type: "string" }, by: { type: "string" }, json: { type: "boolean" } },
      });
      if (!values.from || !values.to) throw new UsageError("cần --from và --to (YYYY-MM-DD)");
      const by = values.by ?? "none";
      if (!isQd766By(by)) throw new UsageError(`--by phải là một trong: ${QD766_BY.join(", ")}`);
      try {
        console.log(JSON.stringify(qd766Indicators(open().db, parseRange(values.from, values.to), by)));
        return 0;
      } catch (error) {
        if (error instanceof DateInputError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
  "sample-plan": {
    help: "--from NGÀY --to NGÀY [--margin 0.05] — số hồ sơ theo cơ quan, lĩnh vực và cỡ mẫu cần khảo sát (JSON)",
    run: (args, open) => {
      const { values } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" }, margin: { type: "string" } } });
      if (!values.from || !values.to) throw new UsageError("cần --from và --to (YYYY-MM-DD)");
      const margin = values.margin === undefined ? 0.05 : Number(values.margin);
      if (!(margin > 0 && margin < 1)) throw new UsageError("--margin phải là số trong khoảng (0, 1), ví dụ 0.05");
      try {
        console.log(JSON.stringify(samplePlan(open().db, { from: values.from, to: values.to }, margin)));
        return 0;
      } catch (error) {
        if (error instanceof DateInputError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
  links: {
    help: "[--agency CODE] — địa chỉ QR của từng quầy: CODE<TAB>URL (PUBLIC_URL, hoặc địa chỉ mạng nội bộ và cổng của máy chủ chạy gần nhất)",
    run: (args, open) => {
      const { values } = parseArgs({ args, options: { agency: { type: "string" } } });
      const { db, env } = open();
      // PUBLIC_URL, else the LAN address and the port of the last server started on this database.
      const links = counterLinks(db, machineBaseUrl(env), values.agency);
      if (values.agency && links.length === 0) return fail(`không có quầy nào của cơ quan «${values.agency}»`);
      for (const l of links) console.log(`${l.code}\t${l.url}`);
      if (!env.PUBLIC_URL) process.stderr.write(`${UNSET_PUBLIC_URL_WARNING}\n`);
      return 0;
    },
  },
  "rotate-token": {
    help: "COUNTER — đổi mã QR của một quầy (áp phích đã in với mã cũ ngừng hoạt động ngay); in địa chỉ mới",
    run: ([code], open) => {
      if (!code) throw new UsageError("thiếu mã quầy (ví dụ TTHCC-Q01)");
      const { db, env } = open();
      const counter = findQrCounter(db, code);
      if (!counter) return fail(`không có quầy «${code}»`);
      const token = rotateToken(db, counter.id);
      if (!token) return fail(`không có quầy «${code}»`);
      audit(db, { userId: null, action: "counter.rotate", target: counter.code, details: { via: "cli" } });
      console.log(`${counter.code}\t${counterUrl(machineBaseUrl(env), token)}`);
      return 0;
    },
  },
  generate: {
    help: "--responses N [--seed S] — phiếu giả lập cho trình diễn và đo hiệu năng",
    run: (args, open) => {
      const { values } = parseArgs({ args, options: { responses: { type: "string" }, seed: { type: "string" } } });
      const count = Number(values.responses);
      if (!Number.isInteger(count) || count <= 0) throw new UsageError("--responses phải là số nguyên dương");
      const seed = values.seed === undefined ? 1 : Number(values.seed);
      if (!Number.isInteger(seed)) throw new UsageError("--seed phải là số nguyên");
      const { db, surveys } = open();
      console.log(JSON.stringify(generateResponses(db, surveys, { responses: count, seed })));
      return 0;
    },
  },
  results: {
    help: "--survey ID [--from NGÀY] [--to NGÀY] [--by KHÓA] --json — các chỉ số theo docs/contracts.md §Results",
    run: (args, open) => {
      const { values } = parseArgs({
        args,
        options: {
          survey: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          by: { type: "string" },
          locale: { type: "string" },
          json: { type: "boolean" },
        },
      });
      if (!values.survey) throw new UsageError("thiếu --survey (ví dụ --survey sipas)");
      if (values.locale !== undefined && !LOCALES.includes(values.locale as Locale)) {
        throw new UsageError(`--locale phải là một trong ${LOCALES.join(", ")}`);
      }
      const { db, surveys } = open();
      try {
        checkRequestedYears(values);
        const results = getResults(db, surveys, { ...values, survey: values.survey, locale: values.locale as Locale | undefined });
        // --json: one line for scripts; without it, the same JSON indented for a person.
        console.log(values.json ? JSON.stringify(results) : JSON.stringify(results, null, 2));
        return 0;
      } catch (error) {
        if (error instanceof ResultsInputError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
  "rebuild-rollups": {
    help: "tính lại các bảng tổng hợp (roll-up) từ các câu trả lời gốc, trong một giao dịch",
    run: (_args, open) => {
      const started = Date.now();
      const { responses } = rebuildRollups(open().db);
      console.log(JSON.stringify({ responses, seconds: (Date.now() - started) / 1000 }));
      return 0;
    },
  },
  "create-user": {
    help: '--role ROLE --username U [--agency CODE] [--sector health|education] [--name "Họ tên"] — mật khẩu nhập khi được hỏi hoặc đọc từ stdin',
    run: async (args, open) => {
      const { values } = parseArgs({
        args,
        options: {
          role: { type: "string" },
          username: { type: "string" },
          agency: { type: "string" },
          sector: { type: "string" },
          name: { type: "string" },
        },
      });
      if (!values.role || !values.username) throw new UsageError("cần --role và --username");
      const password = await readPassword();
      const { db } = open();
      try {
        const id = await createUser(db, {
          username: values.username,
          displayName: values.name,
          role: values.role,
          agencyCode: values.agency,
          sector: values.sector,
          password,
        });
        audit(db, { userId: null, action: "user.create", target: values.username, details: { id, role: values.role, via: "cli" } });
      } catch (error) {
        if (error instanceof UserInputError) throw new UsageError(error.message);
        throw error;
      }
      console.log(`Đã tạo tài khoản «${values.username.toLowerCase()}» (${values.role}).`);
      return 0;
    },
  },
  "create-api-key": {
    help: "--kind kiosk|surveyor|integration --name N [--agency CODE] — in khóa mới một lần (chỉ lưu bản băm)",
    run: (args, open) => {
      const { values } = parseArgs({ args, options: { kind: { type: "string" }, name: { type: "string" }, agency: { type: "string" } } });
      if (!values.kind || !(API_KEY_KINDS as readonly string[]).includes(values.kind)) {
        throw new UsageError(`--kind phải là một trong: ${API_KEY_KINDS.join(", ")}`);
      }
      if (!values.name) throw new UsageError("cần --name");
      const { db } = open();
      let agencyId: number | null = null;
      if (values.agency) {
        const row = db.$client.prepare("select id from agencies where code = ?").get(values.agency) as { id: number } | undefined;
        if (!row) throw new UsageError(`không có cơ quan «${values.agency}»`);
        agencyId = row.id;
      }
      const created = createApiKey(db, { kind: values.kind as ApiKeyKind, name: values.name, agencyId });
      audit(db, { userId: null, action: "apikey.create", target: created.prefix, details: { kind: values.kind, name: values.name, via: "cli" } });
      console.log(created.key);
      return 0;
    },
  },
  "sync-national": {
    help: "--hub URL | --direct postgres://… [--key KHÓA] [--full] — gửi trung tâm quốc gia các tháng đã thay đổi (khóa tỉnh: --key hoặc SIPAS_HUB_KEY)",
    run: async (args, open) => {
      const { values } = parseArgs({
        args,
        options: { hub: { type: "string" }, direct: { type: "string" }, key: { type: "string" }, full: { type: "boolean" } },
      });
      const key = values.key ?? process.env.SIPAS_HUB_KEY;
      if (!key) throw new UsageError("thiếu khóa tỉnh: --key KHÓA hoặc biến SIPAS_HUB_KEY (trung tâm cấp bằng hub-add-province)");
      if (!values.hub === !values.direct)
        throw new UsageError("cần đúng một trong --hub https://… (qua HTTPS) hoặc --direct postgres://… (thẳng vào PostgreSQL)");
      let hub: HubDb | undefined;
      try {
        let target: HubTarget;
        if (values.direct) {
          hub = openHub(values.direct, 2);
          await migrateHub(hub);
          target = directTarget(hub, values.direct, key);
        } else target = httpTarget(values.hub!, key);
        const summary = await syncNational(open().db, target, { full: values.full, progress: (line) => console.log(line) });
        console.log(JSON.stringify(summary));
        return 0;
      } catch (error) {
        if (error instanceof SyncError) return fail(error.message);
        // PostgreSQL refused or could not be reached (--direct): a connection error carries a code.
        if (values.direct && typeof (error as { code?: unknown }).code === "string") {
          return fail(`không ghi được vào cơ sở dữ liệu trung tâm: ${(error as Error).message}`);
        }
        throw error;
      } finally {
        await hub?.$client.end();
      }
    },
  },
  "hub-add-province": {
    help: '--code MÃ --name "Tên tỉnh" — (trên trung tâm, HUB_DATABASE_URL) đăng ký một tỉnh hoặc cấp khóa mới; in khóa một lần',
    run: async (args) => {
      const { values } = parseArgs({ args, options: { code: { type: "string" }, name: { type: "string" } } });
      const url = process.env.HUB_DATABASE_URL;
      if (!url) throw new UsageError("đặt HUB_DATABASE_URL=postgres://… (cơ sở dữ liệu của trung tâm)");
      if (!values.code || !values.name) throw new UsageError("cần --code (ví dụ DBP) và --name");
      const hub = openHub(url, 1);
      try {
        await migrateHub(hub);
        console.log(await registerProvince(hub, { code: values.code, name: values.name }));
        return 0;
      } catch (error) {
        if (error instanceof HubInputError) throw new UsageError(error.message);
        throw error;
      } finally {
        await hub.$client.end();
      }
    },
  },
  backup: {
    help: "FILE — bản sao nhất quán của cơ sở dữ liệu đang chạy (SQLite online backup)",
    run: async ([file], open) => {
      if (!file) throw new UsageError("thiếu tên tệp đích");
      if (fs.existsSync(file)) throw new UsageError(`tệp «${file}» đã có; chọn tên khác`);
      // SQLite's online backup restarts when another process writes between steps; after the first step,
      // copy everything left in one step (one read snapshot in WAL mode, writers are not blocked).
      await open().db.$client.backup(file, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
      console.log(`Đã sao lưu vào ${file}`);
      return 0;
    },
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(18)} ${c.help}`);
  return `Cách dùng: npm run sipas -- <lệnh> [tham số]\n\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Không có lệnh «${name}».\n\n${usage()}`);
    return 2;
  }
  let services: Services | undefined;
  // The CLI never fills a database with demo data by itself: only `seed-demo` does.
  const open = () => (services ??= openServices(readEnv(), { demo: false }));
  try {
    return await command.run(args, open);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return fail((error as Error).message);
    }
    throw error;
  } finally {
    services?.db.$client.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
