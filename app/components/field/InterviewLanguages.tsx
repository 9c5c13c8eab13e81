/** The supervisor's interviews by language and surveyor, with how many an interpreter helped (0023). */
import { useTranslation } from "react-i18next";

import { AdminTable } from "~/components/admin/AdminTable";
import type { InterviewLanguageRow } from "~/field/languages.server";

export function InterviewLanguages({ rows }: { rows: readonly InterviewLanguageRow[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="interview-languages">
      <h2 id="interview-languages">{t("languages.byLanguageInterviews")}</h2>
      <AdminTable columns={[t("field.surveyor"), t("languages.language"), t("languages.responsesCol"), t("languages.interpreted")]}>
        {rows.map((r) => (
          <tr key={`${r.surveyor}-${r.code}`} data-language={r.code}>
            <th scope="row">{r.surveyor ?? "—"}</th>
            <td>
              <span lang={r.code}>{r.name}</span> <code>{r.code}</code>
            </td>
            <td>{r.interviews}</td>
            <td>{r.interpreted}</td>
          </tr>
        ))}
      </AdminTable>
    </section>
  );
}
