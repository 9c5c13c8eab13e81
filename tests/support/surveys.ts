/** The real survey definitions, and a small valid definition to break one piece at a time. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

import type { SurveyDefinition } from "../../app/survey/definition";
import { loadDefinitions } from "../../app/survey/registry.server";

export const SURVEYS_DIR = path.resolve(import.meta.dirname, "../../surveys");

let cached: SurveyDefinition[] | undefined;

/** Every file of `surveys/`, parsed once per test file. */
export function realDefinitions(): SurveyDefinition[] {
  cached ??= loadDefinitions(SURVEYS_DIR);
  return cached;
}

export function realDefinition(id: string): SurveyDefinition {
  const def = realDefinitions().find((d) => d.id === id);
  if (!def) throw new Error(`surveys/${id}.json is missing`);
  return def;
}

const l = (vi: string, en = `${vi} (en)`) => ({ vi, en });

/**
 * A small definition in file form (plain JSON, before zod defaults): a scale, a yes/no with a
 * conditional question, a multi-select and a text. Tests change one thing and expect one refusal.
 */
export function validDefinitionFile(id = "thu-nghiem") {
  return {
    id,
    version: 1,
    title: l("Phiếu thử"),
    noOpinion: { code: 9, label: l("Không có ý kiến") },
    scales: {
      SAT3: {
        label: l("Thang 3 mức"),
        options: [3, 2, 1].map((code) => ({ code, label: l(`Mức ${code}`) })),
        satisfied: [2, 3],
      },
    },
    sections: [
      {
        code: "chung",
        title: l("Chung"),
        questions: [
          { code: "TONG_THE", type: "scale", scale: "SAT3", required: true, label: l("Tổng thể") },
          { code: "GOP_Y", type: "yesno", label: l("Có góp ý không?") },
          { code: "HL_GOP_Y", type: "scale", scale: "SAT3", showIf: { question: "GOP_Y", in: [1] }, label: l("Hài lòng về xử lý góp ý") },
          {
            code: "MONG_DOI",
            type: "multi",
            max: 2,
            label: l("Mong đợi"),
            options: [1, 2, 3].map((code) => ({ code, label: l(`Mong đợi ${code}`) })),
          },
          { code: "Y_KIEN", type: "text", maxLength: 200, label: l("Ý kiến") },
        ],
      },
    ],
    method: { index: "question", version: "thu-1", question: "TONG_THE" },
  };
}

export type DefinitionFile = ReturnType<typeof validDefinitionFile>;

const tmpDirs: string[] = [];
afterEach(() => {
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tmpDir(prefix = "sipas-surveys-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(dir);
  return dir;
}

/** Writes `content` (an object as JSON, or raw text) to `<dir>/<name>` and returns the path. */
export function writeFile(dir: string, name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}
