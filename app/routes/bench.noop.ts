/**
 * /bench/noop: a Remix action (and loader) that does nothing and answers 204 — the floor `npm run bench:load`
 * divides the real endpoints' throughput by (same server, same machine, same run). Off unless
 * SIPAS_BENCH_ROUTES=1, and then the same 404 as any unknown address.
 */
import { services } from "~/services.server";

function noop(): Response {
  if (services().env.SIPAS_BENCH_ROUTES !== "1") throw new Response("Không tìm thấy", { status: 404 });
  return new Response(null, { status: 204 });
}

export const loader = async () => noop();
export const action = async () => noop();
