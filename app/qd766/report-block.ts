/**
 * The official report's QĐ 766 block (issue 19): the period's indicators per unit beside the province, both 5.4
 * variants labelled, with the sentence on why 5.4 differs from the platform's rate. Pure: the figures come in.
 * No block when no dossier was settled in the period (the province has not imported its lists).
 */
import { formatCount, formatRate } from "../dashboard/format";
import { fixedT } from "../i18n/i18n";
import { DEFAULT_QD766, QD766_METHODS } from "../method/qd766";
import type { Block } from "../report/blocks";

import type { Qd766Indicators, Qd766Row } from "./indicators.server";

const t = fixedT("vi");

export function qd766Blocks(figures: Qd766Indicators | null | undefined): Block[] {
  if (!figures || figures.overall.dossiers === 0) return [];
  const cells = (label: string, r: Qd766Row) => [
    label,
    formatCount(r.dossiers),
    formatRate(r.rate54),
    formatRate(r.rate54Union),
    formatRate(r.points54),
    formatRate(r.rate52),
    formatRate(r.rate53),
  ];
  const rows = figures.groups.map((g) => cells(g.label, g));
  if (figures.groups.length !== 1) rows.unshift(cells(t("qd766.province"), figures.overall));
  return [
    { kind: "heading", level: 2, text: t("qd766.reportTitle") },
    { kind: "paragraph", text: t("qd766.whyDiffers") },
    {
      kind: "table",
      table: {
        caption: t("qd766.reportTitle"),
        head: [
          t("qd766.unit"),
          t("qd766.dossiers"),
          `${t("qd766.rate54")} (%)`,
          `${t("qd766.rate54Union")} (%)`,
          t("qd766.points54"),
          `${t("qd766.rate52")} (%)`,
          `${t("qd766.rate53")} (%)`,
        ],
        align: ["left", "right", "right", "right", "right", "right", "right"],
        rows,
      },
    },
    { kind: "paragraph", text: t("qd766.variants", { threshold: methodOf(figures.version).indicators["5.4"].threshold, version: figures.version }) },
  ];
}

function methodOf(version: string) {
  return QD766_METHODS.find((m) => m.version === version) ?? DEFAULT_QD766;
}
