/** The one Vietnam-time formatter: the same shapes whatever the machine's time zone or the page's language. */
import { describe, expect, it } from "vitest";

import { formatDay, formatInstant, formatMonth, vietnamIso } from "../../../app/i18n/vn-time";
import { DateInputError, vietnamDay } from "../../../app/method/period";

describe("Vietnam time", () => {
  it("prints a day, a day and time, a month", () => {
    expect(formatDay("2026-07-01")).toBe("01/07/2026");
    expect(formatInstant(Date.parse("2026-08-14T09:12:59+07:00"))).toBe("14/08/2026 09:12");
    expect(formatMonth("2026-07")).toBe("7/2026");
    expect(() => formatMonth("2026-7")).toThrow(DateInputError);
  });

  it("moves instants to Vietnam time at the day's edges, as vietnamDay counts them", () => {
    for (const [utc, local] of [
      ["2026-09-30T17:00:00Z", "01/10/2026 00:00"],
      ["2026-09-30T16:59:59.999Z", "30/09/2026 23:59"],
      ["2026-12-31T17:00:00Z", "01/01/2027 00:00"],
      ["2028-02-28T17:30:00Z", "29/02/2028 00:30"],
    ] as const) {
      const ms = Date.parse(utc);
      expect(formatInstant(ms), utc).toBe(local);
      expect(formatInstant(ms).slice(0, 10), utc).toBe(formatDay(vietnamDay(ms)));
    }
  });

  it("writes ISO 8601 with +07:00 for files, to the second, for any order of instants", () => {
    expect(vietnamIso(Date.parse("2026-08-14T02:12:05.900Z"))).toBe("2026-08-14T09:12:05+07:00");
    expect(vietnamIso(Date.parse("2026-08-13T17:00:00Z"))).toBe("2026-08-14T00:00:00+07:00");
    // Out of order, across hours and days: nothing carries over from the previous call.
    const instants = [0, 1, 2, 3, 4, 5].map((i) => Date.UTC(2026, 0, 1) + ((i * 7919) % 6) * 3_599_999 - i * 86_400_000);
    for (const ms of [...instants, ...instants.reverse()]) {
      expect(vietnamIso(ms)).toBe(`${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`);
    }
  });
});
