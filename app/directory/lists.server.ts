/** The directory as the admin screens list it: every row of each list with its codes resolved. */
import type { Db } from "../../db/client";

export type DirectoryLists = ReturnType<typeof listDirectory>;

export function listDirectory(db: Db) {
  const all = <T,>(sql: string) => db.$client.prepare(sql).all() as T[];
  return {
    sectors: all<{ code: string; name: string }>("select code, name from sectors order by code"),
    fields: all<{ code: string; name: string; sector: string | null; targets: string | null }>(
      `select f.code, f.name, s.code as sector,
              (select group_concat(t.op || ' ' || t.pct || ' (' || t.valid_from || ')', '; ')
                 from (select * from targets where field_id = f.id and agency_id is null order by valid_from) t) as targets
         from fields f left join sectors s on s.id = f.sector_id order by f.code`,
    ),
    agencies: all<{
      code: string;
      name: string;
      level: string;
      sector: string | null;
      validFrom: string | null;
      validTo: string | null;
      successor: string | null;
    }>(
      `select a.code, a.name, a.level, se.code as sector, a.valid_from as validFrom, a.valid_to as validTo, s.code as successor
         from agencies a left join agencies s on s.id = a.successor_id left join sectors se on se.id = a.sector_id
        order by a.level, a.code`,
    ),
    counters: all<{ code: string; name: string; agency: string; fields: string | null }>(
      `select c.code, c.name, a.code as agency,
              (select group_concat(f.code, ', ') from counter_fields cf join fields f on f.id = cf.field_id where cf.counter_id = c.id) as fields
         from counters c join agencies a on a.id = c.agency_id order by c.code`,
    ),
    procedures: all<{ code: string; name: string; field: string | null }>(
      "select p.code, p.name, f.code as field from procedures p left join fields f on f.id = p.field_id order by p.code",
    ),
  };
}
