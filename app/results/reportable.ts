/**
 * The one "reportable responses" predicate (style.md §8): only accepted responses count, in roll-ups,
 * in their rebuild and in any check against raw answers. A voided response leaves every figure.
 */
import { eq, type SQL } from "drizzle-orm";

import type { responses } from "../../db/schema";
import type { ResponseStatus } from "../survey/codes";

export const REPORTABLE_STATUS = "accepted" as const satisfies ResponseStatus;

export function isReportable(status: ResponseStatus): boolean {
  return status === REPORTABLE_STATUS;
}

/** The predicate as a Drizzle condition on the `responses` table (queries written with the builder). */
export function reportable(table: Pick<typeof responses, "status">): SQL {
  return eq(table.status, REPORTABLE_STATUS);
}

/** The predicate in SQL, for the `responses` table under `alias` (the raw roll-up statements). */
export function reportableSql(alias: string): string {
  return `${alias}.status = '${REPORTABLE_STATUS}'`;
}
