/** The request log of scripts/server.mjs: paths without secrets or query strings, and the line's shape. */
import { describe, expect, it } from "vitest";

import { logLine, redactPath } from "../../../scripts/request-log.mjs";

describe("request log", () => {
  it.each([
    ["/q/Px3pyTKFc_eEn2UwJHkKdA", "/q/:token"],
    ["/q/Px3pyTKFc_eEn2UwJHkKdA/cam-on?lng=en", "/q/:token/cam-on"],
    ["/q/abc", "/q/:token"],
    ["/quan-tri/co-quan/TTHCC?survey=sipas&agency=X", "/quan-tri/co-quan/TTHCC"],
    ["/api/v1/kiosk/pair/sipas_kiosk_AbCdEfGhIjKlMnOpQrStUvWxYz0123", "/api/v1/kiosk/pair/:token"],
    ["/quan-tri/ma-qr/TTHCC-Q01.svg", "/quan-tri/ma-qr/TTHCC-Q01.svg"],
    ["/%E0%A4%A", "/%E0%A4%A"],
  ])("%s → %s", (raw, logged) => {
    expect(redactPath(raw)).toBe(logged);
  });

  it("caps the path's length", () => {
    expect(redactPath(`/${"a/".repeat(500)}`).length).toBe(200);
  });

  it("writes method, path, status, duration and bytes — nothing else", () => {
    const line = JSON.parse(logLine({ method: "POST", path: "/q/tok?ma=123", status: 303, ms: 12.345, bytes: 0, now: new Date(0) }));
    expect(line).toEqual({ t: "1970-01-01T00:00:00.000Z", method: "POST", path: "/q/:token", status: 303, ms: 12.3, bytes: 0 });
  });
});
