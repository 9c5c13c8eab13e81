/**
 * The kiosk's talk with the server and the outbox (browser-only). Ratings never wait for the network: they
 * are written to the shared IndexedDB outbox first and synced in the background (app/offline).
 */
import { addToOutbox, getDevice, listOutbox, newDeviceUuid, replaceBody, saveDevice, syncNow, type DeviceRecord, type SyncReport } from "~/offline";
import { buildResponseSchema } from "~/survey/response";

import type { KioskConfig } from "./types";

/** The build id: what the admin screen shows as the kiosk's app version. */
export function appVersion(): string {
  return (typeof window !== "undefined" && window.__remixManifest?.version) || "dev";
}

export type KioskExtra = { config?: KioskConfig; officerId?: number | null };

export function extraOf(device: DeviceRecord | null): KioskExtra {
  return (device?.extra ?? {}) as KioskExtra;
}

export async function updateExtra(patch: Partial<KioskExtra>): Promise<DeviceRecord | null> {
  const device = await getDevice();
  if (!device) return null;
  const next = { ...device, extra: { ...extraOf(device), ...patch } };
  await saveDevice(next);
  return next;
}

export type PairOutcome = { ok: true; device: DeviceRecord } | { ok: false; message: string | null };

/** Redeems a pairing code; `message` null = no network. */
export async function pair(code: string): Promise<PairOutcome> {
  const deviceUuid = newDeviceUuid();
  let response: Response;
  try {
    response = await fetch("/api/v1/kiosk/pair", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ code, deviceUuid, appVersion: appVersion() }),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    return { ok: false, message: null };
  }
  const json = (await response.json().catch(() => ({}))) as { apiKey?: string; name?: string; agency?: string; counter?: string; error?: string };
  if (response.status !== 201 || !json.apiKey) return { ok: false, message: json.error ?? `HTTP ${response.status}` };
  const device: DeviceRecord = {
    deviceUuid,
    kind: "kiosk",
    apiKey: json.apiKey,
    name: json.name ?? "",
    agency: json.agency,
    counter: json.counter,
    pairedAt: Date.now(),
    extra: {},
  };
  await saveDevice(device);
  return { ok: true, device };
}

export type ConfigOutcome = { kind: "ok"; config: KioskConfig } | { kind: "revoked" } | { kind: "offline" };

export async function fetchConfig(device: DeviceRecord): Promise<ConfigOutcome> {
  try {
    const response = await fetch("/api/v1/kiosk/config", {
      headers: { Authorization: `Bearer ${device.apiKey}`, "X-App-Version": appVersion() },
      credentials: "omit",
      cache: "no-store",
    });
    if (response.status === 401) return { kind: "revoked" };
    if (!response.ok) return { kind: "offline" };
    const config = (await response.json()) as KioskConfig;
    await updateExtra({ config });
    return { kind: "ok", config };
  } catch {
    return { kind: "offline" };
  }
}

/** true: accepted; false: wrong PIN; "locked": too many wrong PINs for this officer; null: no network. */
export async function checkPin(device: DeviceRecord, officer: number, pin: string): Promise<boolean | "locked" | null> {
  try {
    const response = await fetch("/api/v1/kiosk/pin", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${device.apiKey}` },
      body: JSON.stringify({ officer, pin }),
      credentials: "omit",
      cache: "no-store",
    });
    if (response.status >= 500) return null;
    if (response.status === 423) return "locked";
    return response.ok;
  } catch {
    return null;
  }
}

/** When this tablet made its kiosk ratings (all states: a refused rating was still a citizen's tap). */
export async function ratedTimes(): Promise<number[]> {
  const items = await listOutbox();
  return items.filter((i) => i.body.channel === "kiosk").map((i) => i.createdAt);
}

/** What the citizen gave: the vote (the overall face, the field if chosen) and, later, the details. */
/** `locale`: `vi`, `en` or an enabled added language's code (docs/decisions/0023). */
export type Rating = { answers: Record<string, number>; field: string | null; dossier: string; locale: string };

export type SaveOutcome = { ok: true } | { ok: false; key: string; params: Record<string, string | number> };

/** The rating as a docs/contracts.md response: the kiosk's counter, agency, officer on duty and field. */
function bodyOf(config: KioskConfig, officerId: number | null, rating: Rating, id: string, submittedAt: string): Record<string, unknown> {
  const field = config.counter.field ?? rating.field;
  return {
    id,
    survey: config.survey.id,
    agency: config.agency.code,
    counter: config.counter.code,
    ...(field ? { field } : {}),
    channel: "kiosk",
    submittedAt,
    locale: rating.locale,
    answers: rating.answers,
    ...(rating.dossier.trim() ? { dossier: rating.dossier } : {}),
    ...(officerId ? { officer: officerId } : {}),
  };
}

/** Checked with the same schema as the API; the first problem's key when refused. */
function problemOf(config: KioskConfig, body: Record<string, unknown>): SaveOutcome {
  const parsed = buildResponseSchema(config.survey, { requireRequired: true }).safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0] as { message?: string; params?: Record<string, string | number> } | undefined;
  return { ok: false, key: issue?.message ?? "invalidField", params: issue?.params ?? {} };
}

/** A vote in the outbox: its id, time, language and officer, fixed from the tap on. */
export type Vote = { id: string; submittedAt: string; officerId: number | null; locale: Rating["locale"] };

/**
 * A face tap is a vote (docs/decisions/0016): the complete rating — overall, counter, agency, officer on duty,
 * field if known — is in the outbox before this resolves, whatever the citizen does next.
 */
export async function saveVote(
  config: KioskConfig,
  officerId: number | null,
  rating: Rating,
): Promise<{ ok: true; vote: Vote } | Exclude<SaveOutcome, { ok: true }>> {
  const vote: Vote = { id: crypto.randomUUID(), submittedAt: new Date().toISOString(), officerId, locale: rating.locale };
  const body = bodyOf(config, officerId, { ...rating, dossier: "" }, vote.id, vote.submittedAt);
  const problem = problemOf(config, body);
  if (!problem.ok) return problem;
  await addToOutbox(body);
  return { ok: true, vote };
}

/**
 * The details of a vote: the same rating with more in it, under the vote's id, time, language and officer (the
 * server adds them to the stored vote; content compared on replay). Nothing changes when refused.
 */
export async function saveDetails(config: KioskConfig, vote: Vote, rating: Rating): Promise<SaveOutcome> {
  const body = bodyOf(config, vote.officerId, { ...rating, locale: vote.locale }, vote.id, vote.submittedAt);
  const problem = problemOf(config, body);
  if (!problem.ok) return problem;
  await replaceBody(vote.id, body);
  return { ok: true };
}

export function syncInBackground(onReport: (r: SyncReport) => void): void {
  syncNow({ appVersion: appVersion() })
    .then(onReport)
    .catch(() => undefined);
}
