/** What the roll-up property tests compare: every roll-up table's rows, and counted groups in a stable order. */
import type { CountedGroups } from "../../app/results/counts.server";
import { ROLLUP_TABLES } from "../../app/results/rollups.server";
import type { Db } from "../../db/client";

/** Each roll-up table's rows as sorted JSON lines (a rebuild must give the same). */
export function rollupSnapshot(db: Db): Record<string, string[]> {
  return Object.fromEntries(
    ROLLUP_TABLES.map((t) => [
      t,
      db.$client
        .prepare(`select * from ${t}`)
        .all()
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/** Counted groups as a plain object with sorted keys, for deep equality. */
export const plainGroups = (c: CountedGroups) => ({ overall: c.overall, groups: Object.fromEntries([...c.groups].sort()) });
