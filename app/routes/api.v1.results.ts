/**
 * GET /api/v1/results?survey=…&from=…&to=…&by=… — the figures of docs/contracts.md §Results, the same JSON as
 * `npm run sipas -- results --json`. Readable with an `integration` API key (or, once accounts exist, an
 * admin session). Bad input → 400 with a Vietnamese message.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";

import { jsonError, requireApiKey } from "~/api/json.server";
import { checkRequestedYears } from "~/results/query";
import { getResults, ResultsInputError } from "~/results/results.server";
import { services } from "~/services.server";
import { DateInputError } from "~/method/period";

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, surveys } = services();
  const principal = requireApiKey(db, request, ["integration"]);
  // Province-wide figures are not for a key bound to one agency or one counter.
  if (principal.agencyId !== null || principal.counterId !== null) {
    return jsonError(403, "Khóa API gắn với một cơ quan không được đọc kết quả toàn tỉnh.");
  }
  const params = new URL(request.url).searchParams;
  const survey = params.get("survey");
  if (!survey) return jsonError(400, "Thiếu tham số «survey» (ví dụ: survey=sipas).");
  try {
    const period = { from: params.get("from") ?? undefined, to: params.get("to") ?? undefined };
    checkRequestedYears(period);
    const results = getResults(db, surveys, { survey, ...period, by: params.get("by") ?? undefined });
    return Response.json(results, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof ResultsInputError || error instanceof DateInputError) return jsonError(400, error.message);
    throw error;
  }
}
