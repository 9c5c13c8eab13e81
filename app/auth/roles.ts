/** Roles of contracts.md, written once (Drizzle column, zod, checks). */
export const USER_ROLES = ["admin", "agency", "surveyor", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who may read figures: Sở Nội vụ (admin), read-only viewers, and agency heads (their agency only). */
export const FIGURE_READERS: readonly UserRole[] = ["admin", "viewer", "agency"];

export const API_KEY_KINDS = ["kiosk", "surveyor", "integration"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];

/** Shared by the forms and the server check. */
export const MIN_PASSWORD_LENGTH = 10;
