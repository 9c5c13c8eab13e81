/**
 * The report's own settings, read once: the province's name (issuing body and place-date line) and the
 * Chromium that prints PDFs. Kept here rather than in env.server.ts so the report can be added or removed
 * without touching the start-up schema; validated with zod the same way.
 */
import { z } from "zod";

const schema = z.object({
  /** The province as written after "UBND TỈNH" and in the date line; the demo province by default. */
  PROVINCE_NAME: z.string().trim().min(1).max(60).default("Điện Biên"),
  /** Debian's Chromium; tests and CI use the same binary. */
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** PDFs rendered at once (each Chromium takes ~150 MB) and the longest one may take. */
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(2),
  PDF_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
});

export type ReportSettings = z.output<typeof schema>;

export function reportSettings(source: NodeJS.ProcessEnv = process.env): ReportSettings {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Cấu hình báo cáo không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
