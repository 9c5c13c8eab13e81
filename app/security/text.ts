/**
 * Text that can be stored and read back: a JavaScript string may hold half of a UTF-16 surrogate pair (JSON's
 * `"\ud800"` makes one), which has no UTF-8 form — SQLite then stores bytes that are not UTF-8 and other clients
 * cannot read the row. Pure (no server code): the directory's name rule uses it too.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Has `text` no lone surrogate (is it well-formed Unicode)? */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}
