/** The dashboard's responses by language of response (docs/decisions/0023): a small table, no chart. */
import { AdminTable } from "~/components/admin/AdminTable";
import type { LanguageRow } from "~/dashboard/languages.server";
import { formatCount, formatPct } from "~/dashboard/format";

import { Empty, Panel, useLocale } from "./common";

export function LanguageBreakdown({ rows }: { rows: readonly LanguageRow[] }) {
  const { t, locale } = useLocale();
  return (
    <Panel wide title={t("languages.byLanguageTitle")} note={t("languages.byLanguageNote")} id="ngon-ngu">
      {rows.length === 0 ? (
        <Empty>{t("languages.noResponses")}</Empty>
      ) : (
        <AdminTable columns={[t("languages.language"), t("languages.responsesCol"), t("languages.shareCol"), t("languages.rateCol")]}>
          {rows.map((r) => (
            <tr key={r.code} data-language={r.code}>
              <th scope="row">
                <span lang={r.code}>{r.name}</span> <code>{r.code}</code>
              </th>
              <td>{formatCount(r.responses, locale)}</td>
              <td>{formatPct(r.share, locale)}</td>
              <td>{formatPct(r.rate, locale)}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </Panel>
  );
}
