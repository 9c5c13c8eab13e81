/** `import-dossiers` and `import-pakn` of the command line (docs/contracts.md §QĐ 766): one file, all or nothing. */
import fs from "node:fs";

import type { Services } from "~/services.server";

import { importListFile, type ListKind } from "./files.server";

/** Prints `{"created":N,"updated":N}`, or each bad line in Vietnamese on stderr; the exit code. */
export async function importList(kind: ListKind, file: string | undefined, open: () => Services): Promise<number> {
  if (!file || !fs.existsSync(file)) {
    process.stderr.write(file ? `Lỗi: không có tệp «${file}»\n` : "Lỗi: thiếu tên tệp\n");
    return 2;
  }
  const { db, secret } = open();
  const result = await importListFile(db, secret, kind, file, fs.readFileSync(file));
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`Dòng ${e.line}: ${e.message}\n`);
    process.stderr.write(`Không nạp gì: ${result.errors.length} dòng lỗi.\n`);
    return 1;
  }
  console.log(JSON.stringify({ created: result.created, updated: result.updated }));
  return 0;
}
