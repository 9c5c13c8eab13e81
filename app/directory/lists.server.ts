/** The directory as the admin screens list it: every row of each list with its codes resolved. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";

import type { Db } from "../../db/client";
import { agencies, counterFields, counters, fields, procedures, sectors, targets } from "../../db/schema";

export type DirectoryLists = ReturnType<typeof listDirectory>;

export function listDirectory(db: Db) {
  // A field's targets over time, oldest first: "> 80 (2000-01-01); >= 90 (2026-01-01)".
  const history = db
    .select({ op: targets.op, pct: targets.pct, validFrom: targets.validFrom })
    .from(targets)
    .where(and(eq(targets.fieldId, fields.id), isNull(targets.agencyId)))
    .orderBy(asc(targets.validFrom))
    .as("history");
  const fieldTargets = sql<
    string | null
  >`(select group_concat(${history.op} || ' ' || ${history.pct} || ' (' || ${history.validFrom} || ')', '; ') from ${history})`;
  const counterFieldCodes = sql<string | null>`(${db
    .select({ codes: sql`group_concat(${fields.code}, ', ')` })
    .from(counterFields)
    .innerJoin(fields, eq(fields.id, counterFields.fieldId))
    .where(eq(counterFields.counterId, counters.id))})`;
  const successor = alias(agencies, "successor");
  return {
    sectors: db.select({ code: sectors.code, name: sectors.name }).from(sectors).orderBy(asc(sectors.code)).all(),
    fields: db
      .select({ code: fields.code, name: fields.name, sector: sectors.code, targets: fieldTargets })
      .from(fields)
      .leftJoin(sectors, eq(sectors.id, fields.sectorId))
      .orderBy(asc(fields.code))
      .all(),
    agencies: db
      .select({
        code: agencies.code,
        name: agencies.name,
        level: agencies.level,
        sector: sectors.code,
        serviceSector: agencies.serviceSector,
        validFrom: agencies.validFrom,
        validTo: agencies.validTo,
        successor: successor.code,
      })
      .from(agencies)
      .leftJoin(successor, eq(successor.id, agencies.successorId))
      .leftJoin(sectors, eq(sectors.id, agencies.sectorId))
      .orderBy(asc(agencies.level), asc(agencies.code))
      .all(),
    counters: db
      .select({ code: counters.code, name: counters.name, agency: agencies.code, fields: counterFieldCodes })
      .from(counters)
      .innerJoin(agencies, eq(agencies.id, counters.agencyId))
      .orderBy(asc(counters.code))
      .all(),
    procedures: db
      .select({ code: procedures.code, name: procedures.name, field: fields.code })
      .from(procedures)
      .leftJoin(fields, eq(fields.id, procedures.fieldId))
      .orderBy(asc(procedures.code))
      .all(),
  };
}
