/**
 * The sector role as the code reads it (app/auth/roles.ts, ADR 0021): stored as a viewer with a sector, read
 * back as `sector`, so that a role list that does not name it refuses it — figures yes, changes no.
 */
import { describe, expect, it } from "vitest";

import { FIGURE_READERS, roleOf, storedRole, STORED_ROLES, USER_ROLES } from "../../../app/auth/roles";
import { SCOPED_WRITERS } from "../../../app/auth/scope.server";

describe("the sector role", () => {
  it("is stored as a viewer with a sector and read back as sector; every other role is itself", () => {
    expect(storedRole("sector")).toBe("viewer");
    expect(roleOf("viewer", "education")).toBe("sector");
    for (const role of STORED_ROLES) {
      expect(storedRole(role)).toBe(role);
      expect(roleOf(role, null)).toBe(role);
    }
    // A sector on another role (never written: createUser refuses it) does not make it a department.
    expect(roleOf("admin", "health")).toBe("admin");
    expect(USER_ROLES).toContain("sector");
    expect(STORED_ROLES).not.toContain("sector");
  });

  it("reads figures, writes nothing", () => {
    expect(FIGURE_READERS).toContain("sector");
    expect(SCOPED_WRITERS).not.toContain("sector");
  });
});
