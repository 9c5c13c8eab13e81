/**
 * The data table of the staff screens: inside a `table-wrap` (it scrolls sideways at 360 px, not the page, and
 * takes the keyboard focus so that arrow keys scroll it),
 * one header row of column headers scoped to their columns, an optional caption that names the table for
 * screen readers (`sr-only`) or shows it as help text. Rows are the caller's (a row header where one fits).
 */
import type { ReactNode } from "react";
import { ScrollRegion } from "~/components/ScrollRegion";

type Props = {
  columns: ReactNode[];
  caption?: { text: string; className: "sr-only" | "help" };
  children: ReactNode;
};

export function AdminTable({ columns, caption, children }: Props) {
  return (
    <ScrollRegion label={caption?.text}>
      <table>
        {caption ? <caption className={caption.className}>{caption.text}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}
