/**
 * Service sectors of the directory and the survey registry (ADR 0021): which unit (health facility, school) and
 * which survey belong to a sector department's scope. Lookups are prepared once per connection (every staff
 * request of a sector user asks at least one).
 */
import { asc, eq, sql } from "drizzle-orm";

import type { Db } from "../../db/client";
import { perConnection } from "../../db/prepared";
import { agencies } from "../../db/schema";
import type { SurveyRegistry } from "../survey/registry.server";
import type { ServiceSector } from "../survey/codes";

const reads = perConnection((db) => ({
  sectorOf: db
    .select({ sector: agencies.serviceSector })
    .from(agencies)
    .where(eq(agencies.code, sql.placeholder("code")))
    .prepare(),
  units: db
    .select({ code: agencies.code, name: agencies.name })
    .from(agencies)
    .where(eq(agencies.serviceSector, sql.placeholder("sector")))
    .orderBy(asc(agencies.name))
    .prepare(),
}));

/** The service sector of the unit with this code; null for a unit of none or an unknown code. */
export function sectorOfAgency(db: Db, code: string): ServiceSector | null {
  return reads(db).sectorOf.get({ code })?.sector ?? null;
}

/** The units of a sector, by name. */
export function unitsOfSector(db: Db, sector: ServiceSector): { code: string; name: string }[] {
  return reads(db).units.all({ sector });
}

/** Where a sector department's pages start when they name no unit or survey: the sector's first of each (null: none). */
export function sectorStart(db: Db, registry: SurveyRegistry, sector: ServiceSector): { unit: string; survey: string } | null {
  const unit = unitsOfSector(db, sector)[0]?.code;
  const survey = surveysOfSector(registry, sector)[0];
  return unit && survey ? { unit, survey } : null;
}

/** The ids of the registered surveys of a sector, in the registry's order (file names). */
export function surveysOfSector(registry: SurveyRegistry, sector: ServiceSector): string[] {
  return [...registry.values()].filter((s) => s.def.sector === sector).map((s) => s.def.id);
}
