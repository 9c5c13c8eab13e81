/**
 * Submission times of the anonymous at-the-counter channels are kept to the hour, so that a rating cannot be
 * matched to a named citizen's visit in the counter's queue log (docs/decisions/0008-privacy-of-ratings.md).
 * Vietnam's offset is a whole number of hours, so the Vietnam-time day of the coarsened instant is the day of
 * the exact one. Other channels (surveyors, paper, phone, web) keep exact times.
 */
import type { Channel } from "~/survey/codes";

export const COARSENED_CHANNELS: readonly Channel[] = ["qr", "kiosk"];

const HOUR_MS = 3_600_000;

export function toHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** The instant as stored for a channel: to the hour for QR and kiosk, exact otherwise. */
export function storedInstant(channel: Channel, ms: number): number {
  return COARSENED_CHANNELS.includes(channel) ? toHour(ms) : ms;
}
