/**
 * Recorded voices (docs/decisions/0023): one recording per text and language, uploaded by an administrator.
 * The audio is a file named by its sha256 in a directory beside the database (`<DATABASE_PATH>.recordings/`),
 * so the same recording given twice is stored once and its address never changes meaning — it is served with
 * a year's cache (`/am-thanh/<sha256>`, docs/contracts.md §Audio). The kind is read from the bytes, never from
 * the file name or the browser's word.
 */
import { and, eq } from "drizzle-orm";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { Db } from "../../db/client";
import { recordings } from "../../db/schema";
import { services } from "~/services.server";

import { forgetTranslations, translationsGeneration } from "./store.server";

export { RECORDING_MAX_BYTES } from "./forms";
export const AUDIO_PATH = "/am-thanh/";

/** The audio kind of some bytes by their signature, or null: WAV, MP3, AAC (ADTS), MP4/M4A, Ogg (Vorbis, Opus), WebM. */
export function sniffAudio(bytes: Uint8Array): string | null {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString("latin1");
  if (bytes.length < 12) return null;
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (ascii(0, 4) === "OggS") return "audio/ogg";
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "audio/webm";
  if (ascii(4, 8) === "ftyp") return "audio/mp4";
  if (ascii(0, 3) === "ID3") return "audio/mpeg";
  // A frame sync (11 bits set): layer bits 00 are AAC's ADTS, any other layer is MPEG audio (MP3).
  if (bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0) return (bytes[1]! & 0x06) === 0 ? "audio/aac" : "audio/mpeg";
  return null;
}

export function recordingsDir(): string {
  return `${path.resolve(services().env.DATABASE_PATH)}.recordings`;
}

const fileOf = (sha256: string) => path.join(recordingsDir(), sha256);

export type Voice = { sha256: string; mime: string; bytes: number };

let cached: { generation: number; byLanguage: Map<string, Record<string, string>> } | undefined;

/** Each recorded text of a language, as the address the pages link to: key → `/am-thanh/<sha256>`. */
export function voicesOf(db: Db, language: string): Record<string, string> {
  if (cached?.generation !== translationsGeneration()) cached = { generation: translationsGeneration(), byLanguage: new Map() };
  let found = cached.byLanguage.get(language);
  if (!found) {
    const rows = db.select({ key: recordings.key, sha256: recordings.sha256 }).from(recordings).where(eq(recordings.languageCode, language)).all();
    found = Object.fromEntries(rows.map((r) => [r.key, `${AUDIO_PATH}${r.sha256}`]));
    cached.byLanguage.set(language, found);
  }
  return found;
}

/** Stores (or replaces) the recording of `key` in `language`; the bytes were sniffed by the caller. */
export function saveRecording(db: Db, target: { language: string; key: string }, bytes: Buffer, mime: string): string {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  fs.mkdirSync(recordingsDir(), { recursive: true });
  const file = fileOf(sha256);
  if (!fs.existsSync(file)) {
    // Written under a temporary name and renamed: a reader never sees half a file under its hash.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  }
  const previous = findRecording(db, target);
  const now = Date.now();
  db.insert(recordings)
    .values({ languageCode: target.language, key: target.key, sha256, mime, bytes: bytes.length, updatedAt: now })
    .onConflictDoUpdate({ target: [recordings.languageCode, recordings.key], set: { sha256, mime, bytes: bytes.length, updatedAt: now } })
    .run();
  if (previous && previous.sha256 !== sha256) dropFileIfUnused(db, previous.sha256);
  forgetTranslations();
  return sha256;
}

export function findRecording(db: Db, target: { language: string; key: string }): Voice | undefined {
  return db
    .select({ sha256: recordings.sha256, mime: recordings.mime, bytes: recordings.bytes })
    .from(recordings)
    .where(and(eq(recordings.languageCode, target.language), eq(recordings.key, target.key)))
    .get();
}

export function removeRecording(db: Db, target: { language: string; key: string }): boolean {
  const previous = findRecording(db, target);
  if (!previous) return false;
  db.delete(recordings)
    .where(and(eq(recordings.languageCode, target.language), eq(recordings.key, target.key)))
    .run();
  dropFileIfUnused(db, previous.sha256);
  forgetTranslations();
  return true;
}

function dropFileIfUnused(db: Db, sha256: string) {
  const still = db.select({ key: recordings.key }).from(recordings).where(eq(recordings.sha256, sha256)).get();
  if (!still) fs.rmSync(fileOf(sha256), { force: true });
}

/** The recording stored under a hash, with its file, or undefined (unknown hash, file gone). */
export function voiceFile(db: Db, sha256: string): (Voice & { file: string }) | undefined {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  const row = db
    .select({ sha256: recordings.sha256, mime: recordings.mime, bytes: recordings.bytes })
    .from(recordings)
    .where(eq(recordings.sha256, sha256))
    .get();
  const file = fileOf(sha256);
  return row && fs.existsSync(file) ? { ...row, bytes: fs.statSync(file).size, file } : undefined;
}

/** A `Range: bytes=…` header's one range within `size`, null for none or several, "unsatisfiable" past the end. */
export function byteRange(header: string | null, size: number): { start: number; end: number } | null | "unsatisfiable" {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    return suffix === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? "unsatisfiable" : { start, end };
}
