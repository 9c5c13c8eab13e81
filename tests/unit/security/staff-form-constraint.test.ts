/**
 * The browser's constraints of a staff form come from the schema the server parses with
 * (app/components/admin/staff-form.tsx): required, lengths, bounds and patterns — the last three from zod's
 * JSON Schema, since Conform's getZodConstraint no longer sees them with zod 4.6.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";

import { constraintOf } from "../../../app/components/admin/staff-form";

describe("constraintOf", () => {
  it("gives each field what the browser can check", () => {
    const schema = z
      .object({
        username: z
          .string()
          .trim()
          .regex(/^(?:[a-z0-9._]|-){3,40}$/),
        password: z.string().min(10),
        title: z.string().trim().max(120).optional(),
        cooldown: z.number().int().min(0).max(3600).optional(),
        role: z.enum(["admin", "viewer"]),
      })
      .refine(() => true);
    expect(constraintOf(schema)).toEqual({
      username: { required: true, pattern: "^(?=.*(?:^(?:[a-z0-9._]|-){3,40}$)).*$" },
      password: { required: true, minLength: 10 },
      title: { required: false, maxLength: 120 },
      cooldown: { required: false, min: 0, max: 3600 },
      role: { required: true, pattern: "admin|viewer" },
    });
  });

  it("leaves out a pattern the browser could not read (its `v` flag refuses a bare - in a class)", () => {
    const constraint = constraintOf(z.object({ code: z.string().regex(/^[A-Z0-9_-]+$/) }));
    expect(constraint.code).toEqual({ required: true });
    // The same rule written for the browser passes.
    expect(constraintOf(z.object({ code: z.string().regex(/^(?:[A-Z0-9_]|-)+$/) })).code?.pattern).toBe("^(?=.*(?:^(?:[A-Z0-9_]|-)+$)).*$");
  });
});
