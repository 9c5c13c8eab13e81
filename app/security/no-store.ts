/**
 * `headers` for staff pages: never kept by a browser's or a proxy's cache. The accounts page shows a new API
 * key once, the QR list and the posters carry the counters' QR tokens (a printed token is a vote), and every
 * staff page shows figures or comments that are not public. Exported as `headers` by the staff layout
 * (quan-tri.tsx: its children inherit it) and by the staff pages outside it.
 */
import type { HeadersFunction } from "@remix-run/node";

export const noStoreHeaders: HeadersFunction = () => ({ "Cache-Control": "no-store" });
