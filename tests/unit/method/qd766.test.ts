/** QĐ 766 indicators 5.2–5.4 (app/method/qd766.ts) on hand-built facts, against figures worked out by hand. */
import { describe, expect, it } from "vitest";

import { countDossiers, countPakn, qd766Figures, qd766Points, type DossierFacts } from "../../../app/method/qd766";

const d = (o: Partial<DossierFacts> = {}): DossierFacts => ({ due: "2026-07-20", returned: "2026-07-15", disliked: false, withPakn: false, ...o });

describe("QĐ 766, satisfaction group", () => {
  it("5.4 as the description sums it and over the union: a dossier both late and flagged counts twice, then once", () => {
    // 10 dossiers: 2 late only, 1 disliked only, 1 with a PAKN only, 1 late and disliked, 1 disliked and with PAKN, 4 clean.
    const list = [
      d({ returned: "2026-07-21" }),
      d({ returned: "2026-07-31" }),
      d({ disliked: true }),
      d({ withPakn: true }),
      d({ returned: "2026-07-25", disliked: true }),
      d({ disliked: true, withPakn: true }),
      d(),
      d(),
      d(),
      d({ returned: "2026-07-20" }), // returned on its due day: on time
    ];
    const counts = countDossiers(list);
    expect(counts).toEqual({ dossiers: 10, late: 3, disliked: 3, withPakn: 2, flagged: 4, lateOrFlagged: 6 });
    const f = qd766Figures(counts, countPakn([], "2026-07-31"));
    // 100 − 30 − 40 = 30; union: 100 − 60 = 40.
    expect(f.rate54).toBe(30);
    expect(f.rate54Union).toBe(40);
    // Below 90: 30 × 6 ÷ 90 = 2.
    expect(f.points54).toBe(2);
    expect(f.rate52).toBeNull();
    expect(f.points52).toBeNull();
  });

  it("a unit at exactly 90.00 % earns the full points; just below, its share", () => {
    const ninety = countDossiers([...Array.from({ length: 9 }, () => d()), d({ returned: "2026-08-01" })]);
    expect(qd766Figures(ninety, countPakn([], "2026-07-31"))).toMatchObject({ rate54: 90, points54: 6 });
    // 85 % earns 85 × 6 ÷ 90 = 5,67; a rate published as 90,00 (89,995) is judged as 90.
    expect(qd766Points(85, { threshold: 90, points: 6 })).toBe(5.67);
    expect(qd766Points(89.995, { threshold: 90, points: 6 })).toBe(6);
    expect(qd766Points(null, { threshold: 90, points: 6 })).toBeNull();
  });

  it("5.2 and 5.3 from PAKN: on time, still open and not yet due at the period's end, unsatisfied, each once", () => {
    const end = "2026-07-31";
    const pakn = countPakn(
      [
        { due: "2026-07-10", handled: "2026-07-09", unsatisfied: false }, // on time
        { due: "2026-07-10", handled: "2026-07-12", unsatisfied: false }, // late
        { due: "2026-08-05", handled: null, unsatisfied: false }, // open, not yet due: on time
        { due: "2026-07-20", handled: null, unsatisfied: false }, // open and past due: late
        { due: "2026-07-10", handled: "2026-07-10", unsatisfied: true }, // on time but unsatisfied
        { due: "2026-07-10", handled: "2026-07-11", unsatisfied: true }, // late and unsatisfied: once
      ],
      end,
    );
    expect(pakn).toEqual({ pakn: 6, onTime: 3, unsatisfied: 2, unsatisfiedOrLate: 4 });
    const f = qd766Figures(countDossiers([]), pakn);
    expect(f).toMatchObject({ rate52: 50, rate53: 33.33, points52: 2.22, points53: 1.48, rate54: null, points54: null });
  });
});
