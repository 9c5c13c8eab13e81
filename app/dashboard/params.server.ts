/**
 * The one check of the dashboard's query string, used by every dashboard loader. Each parameter is read
 * on its own, so that one bad value (dropped, and named on the page) does not take the others with it.
 * Server-only: the GET form has nothing to validate in the browser, and zod stays out of its bundle.
 */
import { z } from "zod";

import { DIRECTORY_CODE } from "../directory/rules";
import { isDay, isPeriodKey } from "../method/period";
import { SURVEY_ID } from "../figures/surveys";
import { type DashboardParams, type ParamName } from "./params";

const code = z.string().regex(DIRECTORY_CODE);
const questionCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/);

const FIELDS = {
  // Whether it is registered is the figures model's check (an unknown one is named on the page, the default shown).
  survey: z.string().regex(SURVEY_ID),
  // Years bounded (FIRST_YEAR–LAST_YEAR): "0000", "0001" or "9999" pushed the arithmetic past year 1 or 9999.
  period: z.union([z.literal("custom"), z.string().refine(isPeriodKey)]),
  from: z.string().refine(isDay),
  to: z.string().refine(isDay),
  agency: code,
  sector: code,
  field: code,
  channel: code,
  counter: code,
  profile: questionCode,
  criterion: questionCode,
  page: z.coerce.number().int().min(1).max(100_000),
  gop: z.literal("1"),
} satisfies { [K in ParamName]-?: z.ZodType<NonNullable<DashboardParams[K]>> };

export function parseDashboardParams(search: URLSearchParams): { params: DashboardParams; invalid: ParamName[] } {
  const params: Record<string, unknown> = {};
  const invalid: ParamName[] = [];
  for (const name of Object.keys(FIELDS) as ParamName[]) {
    const raw = search.get(name)?.trim();
    if (!raw) continue; // an empty select or input means "not set"
    const parsed = FIELDS[name].safeParse(raw);
    if (parsed.success) params[name] = parsed.data;
    else invalid.push(name);
  }
  return { params: params as DashboardParams, invalid };
}
