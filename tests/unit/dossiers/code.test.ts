/** Dossier receipt codes: what a code may hold, and its normal form. */
import { describe, expect, it } from "vitest";

import { isDossierCode, normaliseDossierCode } from "../../../app/dossiers/code";

describe("dossier codes", () => {
  it("accepts 4–40 letters, digits, '-', '/', '.', after trimming; normalises to upper case", () => {
    for (const ok of ["H56.2", "000.00.12.H56-250801-0001", "12/BN-UBND", "a".repeat(40), "  abcd  "]) expect(isDossierCode(ok), ok).toBe(true);
    for (const bad of ["abc", "a".repeat(41), "HS 01", "HS_01", "HS-Ư1", ""]) expect(isDossierCode(bad), bad).toBe(false);
    expect(normaliseDossierCode(" hs-01/a ")).toBe("HS-01/A");
  });
});
