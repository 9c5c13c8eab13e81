/**
 * Roll-up of merged agencies into their successors (docs/contracts.md §Directory file: an agency's `successor`), on request: by agency, a merged
 * agency's groups are added to the group of the agency that finally succeeded it (following a chain of
 * mergers). Without the option nothing changes: the old agency stays a group of its own, under its old name.
 */
import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { agencies } from "../../db/schema";

const successorsOf = perConnection((db) => db.select({ id: agencies.id, successor: agencies.successorId }).from(agencies).prepare());
import { poolGroupCounts, type GroupCounts } from "../method";
import type { CountedGroups } from "./counts.server";

/** Agency id → the id at the end of its successor chain (itself when not merged); a cycle stops the walk. */
function finalSuccessors(db: Db): Map<string, string> {
  const rows = successorsOf(db).all();
  const next = new Map(rows.map((r) => [String(r.id), r.successor === null ? null : String(r.successor)]));
  const final = new Map<string, string>();
  for (const id of next.keys()) {
    let at = id;
    const seen = new Set([at]);
    for (let n = next.get(at); n && !seen.has(n); n = next.get(at)) {
      at = n;
      seen.add(at);
    }
    final.set(id, at);
  }
  return final;
}

/** Groups keyed by agency id, merged agencies' counts added to their successors'; `overall` is unchanged. */
export function mergeIntoSuccessors(db: Db, counted: CountedGroups): CountedGroups {
  const final = finalSuccessors(db);
  const pooled = new Map<string, GroupCounts[]>();
  for (const [key, counts] of counted.groups) {
    const target = final.get(key) ?? key;
    pooled.set(target, [...(pooled.get(target) ?? []), counts]);
  }
  return { overall: counted.overall, groups: new Map([...pooled].map(([key, list]) => [key, list.length === 1 ? list[0]! : poolGroupCounts(list)])) };
}
