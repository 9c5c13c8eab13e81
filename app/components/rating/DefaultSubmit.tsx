/**
 * The default button of the rating form, placed before the language switch: Enter in a field (or on a chosen
 * face) sends the rating. The switch's buttons submit the same form (to keep what was chosen) and come first
 * in the page, so without this one Enter switched the page to English instead of sending (issue 21, found by
 * the keyboard-only e2e path). Off screen, out of the tab order and of the accessibility tree: the visible
 * «Gửi đánh giá» is the one people use.
 */
export function DefaultSubmit({ form }: { form: string }) {
  return <button type="submit" form={form} className="hp" tabIndex={-1} aria-hidden="true" />;
}
