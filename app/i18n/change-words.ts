/**
 * The one wording of a change against the previous period, for every place that writes it in words (dashboard,
 * public page, report): «Giảm 8,73 điểm % so với kỳ trước» — the verb carries the direction, so the number has
 * no sign (the public page once wrote «Giảm +8,73 điểm %»). Tables that show the change as a signed figure in
 * a «Thay đổi» column use formatDelta instead.
 */
import type { TFunction } from "i18next";

import { formatRate } from "../dashboard/format";
import type { Locale } from "../survey/codes";

export function changeWords(t: TFunction, delta: number, locale: Locale = "vi"): string {
  if (delta === 0) return t("change.same");
  return t(delta < 0 ? "change.falling" : "change.rising", { delta: formatRate(Math.abs(delta), locale) });
}
