/**
 * A single-choice question reported as a distribution (PHIEN_HA "có công chức gây phiền hà, sách nhiễu
 * không?", docs/method.md §1): the share of respondents who answered that chose each option. Every
 * option is pre-seeded, so an option nobody chose shows as 0; nobody answering gives null shares.
 */
import type { Localized } from "../survey/definition";
import { countOf, type CodeCounts } from "./counts";
import { ratio } from "./numbers";
import type { MethodDefinition } from "./scale";

export type OptionShare = { code: number; label: Localized; count: number; share: number | null };

export function optionShares(def: MethodDefinition, questionCode: string, counts: CodeCounts | undefined): { n: number; options: OptionShare[] } {
  const q = def.sections.flatMap((s) => s.questions).find((x) => x.code === questionCode);
  if (!q || q.type !== "single") throw new Error(`«${questionCode}» không phải câu hỏi chọn một`);
  const counted = q.options.map((o) => ({ code: o.code, label: o.label, count: countOf(counts, o.code) }));
  const n = counted.reduce((sum, o) => sum + o.count, 0);
  return {
    n,
    options: counted.map((o) => {
      const r = ratio(o.count, n);
      return { ...o, share: r === null ? null : 100 * r };
    }),
  };
}
