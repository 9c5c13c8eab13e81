/**
 * What every dashboard chart shares. recharts draws only in the browser (it measures the DOM): the server
 * renders an empty box of the chart's fixed height — the data table beside it carries the figures — and
 * the chart appears once the page has hydrated, at the box's width. Charts are hidden from screen readers,
 * which read the table instead.
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, XAxis, YAxis } from "recharts";

import { formatRate } from "~/dashboard/format";
import type { Locale } from "~/survey/codes";

export function ChartBox({ height, children }: { height: number; children: (width: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // aria-hidden is not enough: recharts makes its surface focusable, and focus would vanish into an invisible
    // chart (axe: aria-hidden-focus). Inert takes the whole chart out of the tab order too; the table beside it
    // carries the figures for keyboard and screen reader alike (issue 21).
    el.inert = true;
    const update = () => setWidth(Math.floor(el.clientWidth));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="chart" style={{ height }} aria-hidden="true">
      {width ? children(width) : null}
    </div>
  );
}

/** Colours of a status: met, not met, few answers (grey), no target (blue). */
export const STATUS_COLOUR = {
  met: "#1e7b3c",
  notMet: "#b3261e",
  few: "#b9b9b9",
  noTarget: "#1f5fae",
  noData: "#d9d9d9",
} as const;
export const PROVINCE_COLOUR = "#8a6d00";
export const TARGET_COLOUR = "#a50e0e";

/** Diverging colours for answer codes, lowest score first (codes are the scores). */
const DIVERGING: Record<number, string[]> = {
  2: ["#c0392b", "#2166ac"],
  3: ["#c0392b", "#7fb3d5", "#1f5fae"],
  4: ["#b2182b", "#ef8a62", "#67a9cf", "#2166ac"],
  5: ["#b2182b", "#ef8a62", "#c9c9c9", "#67a9cf", "#2166ac"],
};
/** For questions where a higher code is worse and only the best option is good (PHIEN_HA). */
const ONE_GOOD: Record<number, string[]> = { 3: ["#b2182b", "#ef8a62", "#2166ac"] };

export function codeColours(codes: readonly number[], { worstFirst = false } = {}): Map<number, string> {
  const sorted = [...codes].sort((a, b) => (worstFirst ? b - a : a - b));
  const palette =
    (worstFirst ? ONE_GOOD[sorted.length] : DIVERGING[sorted.length]) ??
    sorted.map((_, i) => `hsl(${(i * 210) / Math.max(1, sorted.length - 1)} 55% 45%)`);
  return new Map(sorted.map((code, i) => [code, palette[i]!] as const));
}

/** A round lower bound for a rate axis, so that differences near 100 % stay visible. */
export function axisFloor(values: readonly (number | null | undefined)[]): number {
  const present = values.filter((v): v is number => typeof v === "number");
  if (present.length === 0) return 0;
  const low = Math.min(...present);
  return Math.max(0, Math.floor((low - 2) / 10) * 10);
}

/** A long name cut for an axis label (the table beside the chart has it in full). */
export function shortLabel(text: string, max = 26): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Round ticks from the axis floor to 100: every 5 points over a short range, every 10 over a long one. */
export function rateTicks(floor: number): number[] {
  const step = 100 - floor > 30 ? 10 : 5;
  const ticks: number[] = [];
  for (let v = floor; v <= 100; v += step) ticks.push(v);
  return ticks;
}

/**
 * A whisker as recharts wants it ([below, above] the bar's end), cut at the axis floor: an ít mẫu unit's
 * wide interval must not stretch the axis for everyone (the table gives the full interval).
 */
export function whisker(value: number | null, low: number | null, high: number | null, floor: number): [number, number] | null {
  if (value === null || low === null || high === null) return null;
  return [value - Math.max(low, floor), high - value];
}

/**
 * Horizontal bars of rates (0–100 %) with a coloured bar per row and Wilson whiskers where a row has one:
 * the shape of the ranking, the fields-against-targets and the components charts. `children` are extra
 * recharts elements (reference lines, a second bar) placed inside the chart.
 */
export function RateBars({
  data,
  dataKey,
  floor,
  height,
  locale,
  label,
  children,
}: {
  data: { name: string; colour: string; err: [number, number] | null }[];
  dataKey: string;
  floor: number;
  height: number;
  locale: Locale;
  /** The category axis's width: this share of the chart, at most `max` pixels. */
  label: { share: number; max: number };
  children?: ReactNode;
}) {
  return (
    <ChartBox height={height}>
      {(width) => (
        <BarChart width={width} height={height} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e4e4e4" />
          <XAxis
            type="number"
            domain={[floor, 100]}
            ticks={rateTicks(floor)}
            tickFormatter={(v: number) => formatRate(v, locale).replace(/,00$/, "")}
            fontSize={12}
          />
          <YAxis type="category" dataKey="name" width={Math.min(label.max, Math.floor(width * label.share))} fontSize={12} interval={0} />
          <Bar dataKey={dataKey} isAnimationActive={false} barSize={16}>
            {data.map((d, i) => (
              <Cell key={i} fill={d.colour} />
            ))}
            {data.some((d) => d.err) ? <ErrorBar dataKey="err" width={4} stroke="#222" strokeWidth={1.2} isAnimationActive={false} /> : null}
          </Bar>
          {children}
        </BarChart>
      )}
    </ChartBox>
  );
}
