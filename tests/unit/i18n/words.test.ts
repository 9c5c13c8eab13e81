/**
 * Words, not codes (issue 21, point 4): one wording of a change whatever its sign, words for every audit action
 * the code writes, one name for the surveyor.
 */
import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { auditActionWords } from "../../../app/auth/audit-words";
import { changeWords } from "../../../app/i18n/change-words";
import { fixedT } from "../../../app/i18n/i18n";

const APP = path.resolve(import.meta.dirname, "../../../app");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("changeWords", () => {
  it("the verb carries the direction, the number has no sign", () => {
    const t = fixedT("vi");
    expect(changeWords(t, -8.73)).toBe("Giảm 8,73 điểm % so với kỳ trước");
    expect(changeWords(t, 1.5)).toBe("Tăng 1,50 điểm % so với kỳ trước");
    expect(changeWords(t, 0)).toBe("Không đổi so với kỳ trước");
    expect(changeWords(fixedT("en"), -8.73, "en")).toBe("Down 8.73 percentage points on the previous period");
  });
});

describe("audit actions", () => {
  // Every action the code writes: `action: "x.y"` and the two-way ones (`? "officer.disable" : "officer.enable"`).
  const written = new Set<string>();
  for (const file of sources(APP)) {
    const text = fs.readFileSync(file, "utf8");
    for (const call of text.matchAll(/audit\([^;]*?action:([^,}]*)/gs)) {
      for (const literal of call[1]!.matchAll(/"([a-z]+(?:\.[a-zA-Z]+)+)"/g)) written.add(literal[1]!);
    }
  }

  it("finds the actions the code writes", () => {
    expect(written.size).toBeGreaterThan(30);
    expect(written).toContain("auth.signin");
    expect(written).toContain("publication.publish");
  });

  it("every one has Vietnamese and English words", () => {
    for (const action of written) {
      for (const locale of ["vi", "en"] as const) {
        const words = auditActionWords(fixedT(locale), action);
        expect(words, `${locale} ${action}`).not.toContain(action);
      }
    }
    expect(auditActionWords(fixedT("vi"), "auth.signin")).toBe("Đăng nhập");
  });

  it("an action without words yet is named as another action, with its code", () => {
    expect(auditActionWords(fixedT("vi"), "new.thing")).toBe("Thao tác khác (new.thing)");
  });
});

it("the surveyor is «khảo sát viên» everywhere in the app, never «điều tra viên»", () => {
  for (const file of sources(APP)) expect(fs.readFileSync(file, "utf8"), path.relative(APP, file)).not.toMatch(/điều tra viên/i);
});
