/** What the import screen shows in the browser as well as on the server: the upload limit, totals. */
import type { ImportCounts } from "./import.server";

export const MAX_UPLOAD_MB = 5;

export const total = (counts: ImportCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
