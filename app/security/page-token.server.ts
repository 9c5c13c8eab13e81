/**
 * The citizen page's token (hidden `_t`, docs/decisions/0016-one-tap-is-a-vote.md): the instant the page was
 * rendered and the rating id it carries (`_rid`), signed with the server secret. One page, one id, one rating: a
 * post with a token stores at most the rating of its id, so replaying one page's token any number of times is
 * acknowledged and stored once; a script needs a page load per rating, and the limits count stored ratings.
 * The same token lets the thank-you page add the citizen's details to that rating, for a while. Nothing about the
 * visitor is kept (no cookie, no fingerprint), and there is no minimum time: a quick honest tap is a vote.
 */
import crypto from "node:crypto";

/** How long a page (and its thank-you page) may be used after it was shown: a phone left on the table a day. */
export const PAGE_TOKEN_HOURS = 24;

function mac(secret: string, rid: string, ms: number): string {
  return crypto.createHmac("sha256", secret).update(`page:${rid}:${ms}`).digest("base64url");
}

export function signPageToken(secret: string, rid: string, ms: number): string {
  return `${ms}.${mac(secret, rid.toLowerCase(), ms)}`;
}

export type TokenCheck = { ok: true; renderedAt: number } | { ok: false; reason: "invalid" | "expired" };

/** Whether `value` was signed here for this rating id, and is not older than PAGE_TOKEN_HOURS (nor from the future). */
export function checkPageToken(secret: string, value: string, rid: string, now: number): TokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return { ok: false, reason: "invalid" };
  const ms = Number(match[1]);
  const expected = Buffer.from(mac(secret, rid.toLowerCase(), ms));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  // A minute of clock tolerance; beyond that a token from the future was not made by this server's clock.
  if (ms > now + 60_000 || now - ms > PAGE_TOKEN_HOURS * 3_600_000) return { ok: false, reason: "expired" };
  return { ok: true, renderedAt: ms };
}
