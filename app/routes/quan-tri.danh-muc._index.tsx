/** The directory (admin only): every list at a glance, and the way to the spreadsheet import. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/session.server";
import { listDirectory } from "~/directory/lists.server";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { formatDay } from "~/i18n/vn-time";
import { services } from "~/services.server";
import { ScrollRegion } from "~/components/ScrollRegion";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return listDirectory(services().db);
}

export default function DirectoryPage() {
  const lists = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <h1>{t("directory.title")}</h1>
      <p className="help">{t("directory.intro")}</p>
      <p>
        <Link to="/quan-tri/danh-muc/nhap">{t("directory.importLink")}</Link>
      </p>
      <List id="sectors" rows={lists.sectors.map((r) => [r.code, r.name])} />
      <List
        id="fields"
        rows={lists.fields.map((r) => [r.code, r.name, r.sector ?? "—", r.targets?.replace(/\d{4}-\d{2}-\d{2}/g, formatDay) ?? "—"])}
      />
      <List
        id="agencies"
        rows={lists.agencies.map((r) => [
          r.code,
          r.name,
          r.level,
          r.serviceSector ?? "—",
          `${r.validFrom ? formatDay(r.validFrom) : "…"} – ${r.validTo ? formatDay(r.validTo) : "…"}`,
          r.successor ?? "—",
        ])}
      />
      <List id="counters" rows={lists.counters.map((r) => [r.code, r.name, r.agency, r.fields ?? "—"])} />
      <List id="procedures" rows={lists.procedures.map((r) => [r.code, r.name, r.field ?? "—"])} />
    </main>
  );
}

/** The URL of each list's page (edit.server.ts LIST_SLUGS, kept here for the browser bundle). */
const SLUGS = { sectors: "nganh", fields: "linh-vuc", agencies: "co-quan", counters: "quay", procedures: "thu-tuc" } as const;

const HEADERS = {
  sectors: ["code", "name"],
  fields: ["code", "name", "sectors", "target"],
  agencies: ["code", "name", "level", "serviceSector", "validity", "successor"],
  counters: ["code", "name", "agencies", "fields"],
  procedures: ["code", "name", "fields"],
} as const;

function List({ id, rows }: { id: keyof typeof HEADERS; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`dm-${id}`}>
      <h2 id={`dm-${id}`}>
        {t(`directory.${id}`)} ({rows.length})
      </h2>
      <p>
        <Link to={`/quan-tri/danh-muc/${SLUGS[id]}`}>
          {t("directory.manage")}: {t(`directory.${id}`)}
        </Link>
      </p>
      <ScrollRegion>
        <table>
          <thead>
            <tr>
              {HEADERS[id].map((h) => (
                <th key={h} scope="col">
                  {t(`directory.${h}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells) => (
              <tr key={cells[0]}>
                {cells.map((c, i) => (
                  <td key={i}>{i === 0 ? <code>{c}</code> : c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => [{ title: fixedT(localeFromMatches(matches))("directory.title") }];
