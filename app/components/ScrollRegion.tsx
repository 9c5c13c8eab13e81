/**
 * The box around a data table that may be wider than the screen: it scrolls sideways (not the page) and takes
 * the keyboard focus, so that a keyboard user scrolls it with the arrow keys (axe: scrollable-region-focusable,
 * WCAG 2.1.1). Named after its table for screen readers, which announce the region when focus lands on it.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function ScrollRegion({ label, id, children }: { label?: string; id?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    // A focusable region is the WAI-ARIA way to make a scrolling box reachable by keyboard.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" id={id} tabIndex={0} role="region" aria-label={label ?? t("a11y.scrollTable")}>
      {children}
    </div>
  );
}
