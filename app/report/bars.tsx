/**
 * The report's bar chart, drawn once as SVG: inline in the print page (→ PDF) and, as a standalone picture,
 * rasterised for the .docx (charts.server.ts). Horizontal bars from 0 to 100 %, the 95 % interval as a
 * whisker, the target as a dashed line. The table before each chart carries every figure; the chart is for
 * the eye (aria-hidden), labels are short enough to fit.
 */
import { renderToStaticMarkup } from "react-dom/server";

import { formatRate } from "../dashboard/format";
import type { Bar } from "./blocks";

const W = 640;
const LABEL_W = 250;
const VALUE_W = 60;
const ROW_H = 20;

/** The chart's size in its own units (CSS pixels at 100 %): 640 wide, 20 per bar plus the axis. */
export const barsSize = (bars: Bar[]) => ({ width: W, height: bars.length * ROW_H + 22 });

export function BarsSvg({
  bars,
  target,
  fontFamily = "inherit",
  standalone = false,
}: {
  bars: Bar[];
  target: number | null;
  fontFamily?: string;
  standalone?: boolean;
}) {
  const { height: H } = barsSize(bars);
  const plotW = W - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + (Math.max(0, Math.min(100, v)) / 100) * plotW;
  const clip = (s: string) => (s.length > 42 ? `${s.slice(0, 40)}…` : s);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      aria-hidden="true"
      fontFamily={fontFamily}
      fontSize="11"
      {...(standalone ? { xmlns: "http://www.w3.org/2000/svg", width: W, height: H } : {})}
    >
      {standalone ? <rect width={W} height={H} fill="#fff" /> : null}
      {[0, 25, 50, 75, 100].map((v) => (
        <g key={v}>
          <line x1={x(v)} x2={x(v)} y1={0} y2={H - 16} stroke="#ccc" strokeWidth={0.6} />
          <text x={x(v)} y={H - 4} textAnchor="middle" fontSize="9">
            {v}
          </text>
        </g>
      ))}
      {bars.map((b, i) => {
        const y = i * ROW_H + 3;
        return (
          <g key={i}>
            <text x={LABEL_W - 6} y={y + 11} textAnchor="end">
              {clip(b.label)}
            </text>
            {b.value !== null ? <rect x={LABEL_W} y={y} width={x(b.value) - LABEL_W} height={13} fill="#5b7fa6" /> : null}
            {b.low !== null && b.low !== undefined && b.high !== null && b.high !== undefined ? (
              <line x1={x(b.low)} x2={x(b.high)} y1={y + 6.5} y2={y + 6.5} stroke="#000" strokeWidth={1} />
            ) : null}
            <text x={W - 4} y={y + 11} textAnchor="end">
              {formatRate(b.value)}
            </text>
          </g>
        );
      })}
      {target !== null ? <line x1={x(target)} x2={x(target)} y1={0} y2={H - 16} stroke="#a50e0e" strokeDasharray="4 3" strokeWidth={1.2} /> : null}
    </svg>
  );
}

/** The chart as an SVG file of its own (a picture has no page to inherit a font from: it names one). */
export const barsSvgFile = (bars: Bar[], target: number | null, fontFamily: string) =>
  renderToStaticMarkup(<BarsSvg bars={bars} target={target} fontFamily={fontFamily} standalone />);
