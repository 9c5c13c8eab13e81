/** The measures and number-question tables (app/figures/extras-view.ts) as plain HTML tables with captions. */
import type { ExtraTable } from "~/figures/extras-view";
import { ScrollRegion } from "~/components/ScrollRegion";

export function ExtraTableView({ table, caption, id }: { table: ExtraTable; caption: string; id?: string }) {
  return (
    <ScrollRegion id={id}>
      <table className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.head.map((h, i) => (
              <th key={h} scope="col" className={i === 0 ? undefined : "num"}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
