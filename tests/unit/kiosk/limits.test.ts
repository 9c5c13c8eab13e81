/** The kiosk's cool-down and daily cap (pure): Vietnam days, a clock set backwards, "no cap". */
import { describe, expect, it } from "vitest";

import { checkLimits, effectiveLimits } from "../../../app/kiosk/limits";

const at = (iso: string) => new Date(iso).getTime();

describe("checkLimits", () => {
  it("asks to wait out the cool-down after the latest rating, then lets the next citizen start", () => {
    const limits = { cooldownSeconds: 10, dailyCap: null };
    const last = at("2026-08-14T09:00:00+07:00");
    expect(checkLimits(limits, [last], last + 3_500)).toEqual({ ok: false, reason: "cooldown", waitSeconds: 7 });
    expect(checkLimits(limits, [last], last + 10_000)).toEqual({ ok: true });
    expect(checkLimits(limits, [], last)).toEqual({ ok: true });
  });

  it("counts the cap per Vietnam day: yesterday's ratings (UTC today) do not count", () => {
    const limits = { cooldownSeconds: 0, dailyCap: 2 };
    // 23:30 on the 13th in Vietnam is 16:30Z on the 13th; 00:30 on the 14th in Vietnam is 17:30Z on the 13th.
    const yesterday = at("2026-08-13T23:30:00+07:00");
    const today = at("2026-08-14T00:30:00+07:00");
    expect(checkLimits(limits, [yesterday, yesterday, today], today + 1000)).toEqual({ ok: true });
    expect(checkLimits(limits, [yesterday, today, today], today + 1000)).toEqual({ ok: false, reason: "dailyCap", cap: 2 });
  });

  it("does not lock the counter when the latest rating is in the future (clock set backwards)", () => {
    const now = at("2026-08-14T09:00:00+07:00");
    expect(checkLimits({ cooldownSeconds: 10, dailyCap: null }, [now + 3_600_000], now)).toEqual({ ok: false, reason: "cooldown", waitSeconds: 10 });
  });
});

describe("effectiveLimits", () => {
  it("uses the kiosk's own settings, else the defaults; a cap of 0 means none", () => {
    const defaults = { cooldownSeconds: 10, dailyCap: 300 };
    expect(effectiveLimits({ cooldownSeconds: null, dailyCap: null }, defaults)).toEqual({ cooldownSeconds: 10, dailyCap: 300 });
    expect(effectiveLimits({ cooldownSeconds: 0, dailyCap: 0 }, defaults)).toEqual({ cooldownSeconds: 0, dailyCap: null });
    expect(effectiveLimits({ cooldownSeconds: 5, dailyCap: 20 }, defaults)).toEqual({ cooldownSeconds: 5, dailyCap: 20 });
  });
});
