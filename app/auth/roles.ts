/** The roles `users.role` stores (its CHECK constraint lists them; the Drizzle column's type). */
export const STORED_ROLES = ["admin", "agency", "surveyor", "viewer"] as const;
export type StoredRole = (typeof STORED_ROLES)[number];

/**
 * Roles of docs/contracts.md, written once (zod, checks): the stored ones and `sector`, a department (Sở Y tế, Sở
 * GD&ĐT) reading its sector's units. A sector user is stored as a viewer with a `service_sector` (adding a role
 * to the CHECK would rebuild `users` under the foreign keys of sessions and the audit log) and read back as
 * `sector` by the one session reader, so that every role list that does not name `sector` refuses it (ADR 0021).
 */
export const USER_ROLES = [...STORED_ROLES, "sector"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The role of a stored account: a viewer with a sector is a sector department. */
export const roleOf = (stored: StoredRole, sector: string | null): UserRole => (stored === "viewer" && sector ? "sector" : stored);

/** How a role is stored. */
export const storedRole = (role: UserRole): StoredRole => (role === "sector" ? "viewer" : role);

/** Who may read figures: Sở Nội vụ (admin), read-only viewers, agency heads and sector departments (their scope only). */
export const FIGURE_READERS: readonly UserRole[] = ["admin", "viewer", "agency", "sector"];

export const API_KEY_KINDS = ["kiosk", "surveyor", "integration"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** Shared by the forms and the server check. */
export const MIN_PASSWORD_LENGTH = 10;
