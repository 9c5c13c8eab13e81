/**
 * Nesting depth of a JSON text, measured without parsing it: no body this API accepts nests deeper than a few
 * levels (a batch → a response → its answers → a multi-select list), and a body nested thousands of levels
 * deep makes recursive code (JSON.stringify, validators) overflow the stack. Brackets inside strings do not count.
 */
export const MAX_JSON_DEPTH = 16;

export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
