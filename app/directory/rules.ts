/**
 * The one code rule and the one name rule of the directory (issue 16, finding 4): what an import, an admin
 * form, the API, a query string, a report and a published snapshot all accept. Before, each had its own:
 * a code with "." was imported but refused by the report's query string (400), and a name with "<" was
 * imported but refused by the snapshot's schema, so the publishing preview of the whole province threw (500).
 * Pure: the upload form, the public page and the server read the same rules.
 */
import { isWellFormedText } from "../security/text";

/**
 * Codes travel in URLs, CSV exports and CLI arguments: a safe ASCII alphabet. "." stays in: the national code
 * of a procedure is written 1.001234. The hyphen stands outside the class so that a browser can read the same
 * rule as an input's `pattern` (it reads it with the `v` flag, where a bare "-" in a class is a syntax error).
 */
export const DIRECTORY_CODE = /^(?:[A-Za-z0-9_.]|-){1,64}$/;
export const DIRECTORY_CODE_TEXT = "1–64 ký tự chữ không dấu, số, «_», «.» hoặc «-»";

export const NAME_MAX = 300;
/** Line breaks, other control characters (C0, DEL, C1) and the invisible marks that reorder text on screen. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const MARKUP = /[<>]/;

/**
 * What is wrong with an official name (agency, field, sector, counter, procedure), as a Vietnamese predicate
 * ("không được …") to follow its subject, or null. The name is taken as already trimmed.
 */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return "không được để trống";
  if (!isWellFormedText(name)) return "chứa ký tự không hợp lệ (nửa cặp thay thế UTF-16)";
  if (MARKUP.test(name)) return "không được chứa «<» hoặc «>»";
  if (CONTROL.test(name)) return "không được chứa xuống dòng hay ký tự điều khiển";
  if ([...name].length > NAME_MAX) return `dài tối đa ${NAME_MAX} ký tự`;
  return null;
}

export const isOfficialName = (name: string) => name === name.trim() && nameProblem(name) === null;

/**
 * A name as it may be published, for a name stored before the rule existed: markup characters become
 * look-alike angle quotes, controls spaces, a lone surrogate U+FFFD, and the result is cut to NAME_MAX. A
 * name that follows the rule comes back unchanged.
 */
export function publishableName(name: string): string {
  if (isOfficialName(name)) return name;
  const cleaned = [...name]
    .map((c) => (c === "<" ? "‹" : c === ">" ? "›" : CONTROL.test(c) ? " " : isWellFormedText(c) ? c : "\ufffd"))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, NAME_MAX).join("").trim() || "—";
}
