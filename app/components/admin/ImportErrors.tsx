/**
 * The refusal of an imported file (all or nothing): a Vietnamese title with the count, then one row per bad line
 * with where it is and why. Shared by the directory import and the QĐ 766 dossier and PAKN imports.
 */
import type { ReactNode } from "react";

import { ScrollRegion } from "../ScrollRegion";

export function ImportErrors({ title, headers, rows }: { title: string; headers: string[]; rows: ReactNode[][] }) {
  return (
    <div className="err-summary" role="alert">
      <p>{title}</p>
      <ScrollRegion>
        <table>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, i) => (
              <tr key={i}>
                {cells.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
