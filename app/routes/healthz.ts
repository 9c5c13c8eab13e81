/** GET /healthz: 200 {"ok":true} once the database is open and migrated (docs/contracts.md). */
import { sql } from "drizzle-orm";

import { services } from "~/services.server";

export async function loader() {
  try {
    services().db.get(sql`select 1`);
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
