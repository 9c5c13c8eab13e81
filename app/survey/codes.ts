/** Codes fixed by docs/contracts.md, written once and used by zod, Drizzle and the UI. */
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";

/**
 * A citizen language's code (docs/decisions/0023): the built-in `vi` and `en`, or one an administrator added
 * — an ISO 639 code, optionally with a subtag (`hmn`, `tai-dam`): 2–3 lower-case letters, then `-` and 2–8
 * lower-case letters or digits.
 */
export const LANGUAGE_CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/;
export const isBuiltInLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

export const CHANNELS = ["qr", "kiosk", "surveyor", "paper", "phone", "web"] as const;
export type Channel = (typeof CHANNELS)[number];
export const isChannel = (value: string): value is Channel => (CHANNELS as readonly string[]).includes(value);

export const AGENCY_LEVELS = ["tinh", "xa"] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/**
 * Service sectors whose departments read their own units' figures (docs/contracts.md §Codes, ADR 0021): a survey
 * definition, a unit of the directory and a sector user each name one. SIPAS and the counter rating have none.
 */
export const SERVICE_SECTORS = ["health", "education"] as const;
export type ServiceSector = (typeof SERVICE_SECTORS)[number];
export const isServiceSector = (value: string): value is ServiceSector => (SERVICE_SECTORS as readonly string[]).includes(value);

export const TARGET_OPS = [">", ">="] as const;
export type TargetOp = (typeof TARGET_OPS)[number];

export const RESPONSE_STATUSES = ["accepted", "void"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** At most this many responses in one API batch (docs/contracts.md). */
export const MAX_BATCH = 500;

/** Who holds an API key (docs/contracts.md §A response: keys belong to a kiosk, a surveyor or an integration). */
export const API_KEY_KINDS = ["kiosk", "surveyor", "integration"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];
