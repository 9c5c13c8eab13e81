import { describe, expect, it } from "vitest";

import { firstWorkingDay, monthToPropose } from "../../../app/qd766/proposal";

const november = (over: Partial<{ closed: boolean; dossiers: number }> = {}) => [{ month: "2026-11", closed: true, dossiers: 20, ...over }];

describe("publication proposal of a closed QĐ 766 month", () => {
  it("knows the first Monday-to-Friday day of a month", () => {
    expect(firstWorkingDay("2026-12")).toBe("2026-12-01"); // a Tuesday
    expect(firstWorkingDay("2026-08")).toBe("2026-08-03"); // 1 August 2026 is a Saturday
    expect(firstWorkingDay("2026-11")).toBe("2026-11-02"); // 1 November 2026 is a Sunday
  });

  it("proposes last month from the first working day of this one, while it is unpublished and has settled dossiers", () => {
    expect(monthToPropose("2026-12-01", november(), new Set())).toBe("2026-11");
    expect(monthToPropose("2026-12-07", november(), new Set())).toBe("2026-11");
    expect(monthToPropose("2026-12-07", november(), new Set(["2026-11"]))).toBeNull();
    expect(monthToPropose("2026-12-07", november({ dossiers: 0 }), new Set())).toBeNull();
    expect(monthToPropose("2026-12-07", [], new Set())).toBeNull();
  });

  it("waits for the first working day when a month begins on a weekend", () => {
    const july = [{ month: "2026-07", closed: true, dossiers: 5 }];
    expect(monthToPropose("2026-08-01", july, new Set())).toBeNull(); // Saturday
    expect(monthToPropose("2026-08-02", july, new Set())).toBeNull(); // Sunday
    expect(monthToPropose("2026-08-03", july, new Set())).toBe("2026-07"); // Monday
  });
});
