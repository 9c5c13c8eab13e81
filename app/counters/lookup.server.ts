/** Reading counters for the citizen page and the `links` command. */
import type { Db } from "../../db/client";

/** 128 random bits in base64url: 22 characters. Anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type CounterPage = {
  id: number;
  code: string;
  name: string;
  agencyCode: string;
  agencyName: string;
  fields: { code: string; name: string }[];
};

export function findCounterByToken(db: Db, token: string | undefined): CounterPage | null {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const row = db.$client
    .prepare(
      `select c.id, c.code, c.name, a.code as agencyCode, a.name as agencyName
         from counters c join agencies a on a.id = c.agency_id
        where c.token = ? and c.active = 1`,
    )
    .get(token) as Omit<CounterPage, "fields"> | undefined;
  if (!row) return null;
  return { ...row, fields: counterFields(db, row.id) };
}

/** The fields a counter serves, as citizens choose among them: by name, «Khác» last. */
export function counterFields(db: Db, counterId: number): CounterPage["fields"] {
  return db.$client
    .prepare(
      `select f.code, f.name from counter_fields cf join fields f on f.id = cf.field_id
        where cf.counter_id = ? order by f.code = 'KHAC', f.name`,
    )
    .all(counterId) as CounterPage["fields"];
}

export function counterLinks(db: Db, baseUrl: string, agencyCode?: string): { code: string; url: string }[] {
  const rows = db.$client
    .prepare(
      `select c.code, c.token from counters c join agencies a on a.id = c.agency_id
        where c.active = 1 and (? is null or a.code = ?) order by c.code`,
    )
    .all(agencyCode ?? null, agencyCode ?? null) as { code: string; token: string }[];
  return rows.map((r) => ({ code: r.code, url: `${baseUrl}/q/${r.token}` }));
}
