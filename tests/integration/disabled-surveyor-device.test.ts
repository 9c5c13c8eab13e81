/**
 * A surveyor's tablet keeps its own API key for days after the session ended (app/field/devices.server.ts).
 * Disabling the surveyor's account must stop that key too, at once, like the account's sessions: otherwise
 * a tablet of someone who left keeps sending interviews into the province's figures.
 */
import { afterEach, describe, expect, it } from "vitest";

import { authenticateApiKey } from "../../app/auth/api-keys.server";
import { action } from "../../app/routes/quan-tri.tai-khoan";
import { resetRateLimits } from "../../app/security/rate-limit.server";
import { provideServices } from "../../app/services.server";
import { addDevice, addUser, CSRF, CSRF_COOKIE, fieldServices, HTTP, sessionCookie } from "../support/field";
import { settle } from "../support/route";

afterEach(() => {
  provideServices(undefined);
  resetRateLimits();
});

describe("disabling a surveyor's account", () => {
  it("revokes the keys of the surveyor's tablets; enabling the account again does not revive them", async () => {
    const { db } = fieldServices();
    const admin = addUser(db, "quantri", "admin");
    const surveyor = addUser(db, "dtv-1", "surveyor");
    const other = addUser(db, "dtv-2", "surveyor");
    const tablet = addDevice(db, { userId: surveyor });
    const othersTablet = addDevice(db, { userId: other });
    const cookie = `sipas_csrf=${CSRF_COOKIE}; ${sessionCookie(db, admin)}`;
    const toggle = () =>
      settle(() =>
        action({
          request: new Request(`${HTTP}/quan-tri/tai-khoan`, {
            method: "POST",
            body: new URLSearchParams({ intent: "toggle-user", id: String(surveyor), csrf: CSRF }),
            headers: { cookie },
          }),
          params: {},
          context: {},
        }),
      );
    expect(authenticateApiKey(db, `Bearer ${tablet.key}`)).not.toBeNull();

    expect(await toggle()).toMatchObject({ status: 200 });
    expect(authenticateApiKey(db, `Bearer ${tablet.key}`)).toBeNull();
    expect(db.$client.prepare("select revoked_at as r from devices where id = ?").get(tablet.id)).toEqual({ r: expect.any(Number) });
    // Another surveyor's tablet is untouched.
    expect(authenticateApiKey(db, `Bearer ${othersTablet.key}`)).not.toBeNull();
    expect(db.$client.prepare("select revoked_at as r from devices where id = ?").get(othersTablet.id)).toEqual({ r: null });

    expect(await toggle()).toMatchObject({ status: 200 });
    expect(db.$client.prepare("select disabled_at as d from users where id = ?").get(surveyor)).toEqual({ d: null });
    // The tablet is set up again after signing in (a fresh key), as after any revocation.
    expect(authenticateApiKey(db, `Bearer ${tablet.key}`)).toBeNull();
  });
});
