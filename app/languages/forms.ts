/**
 * The language screens' forms, one zod schema each (docs/decisions/0019): shared by the actions and, for the
 * browser's own checks, the pages. Messages are locale keys.
 */
import { z } from "zod";

import { LANGUAGE_CODE } from "~/survey/codes";

/** A short recording of one label: a minute of speech in a phone's formats is well under this. */
export const RECORDING_MAX_BYTES = 2 * 1024 * 1024;

/** The code pattern for the browser, written without a hyphen inside a character class (0019). */
export const addLanguageForm = z.object({
  code: z.string({ error: "languages.codeInvalid" }).trim().toLowerCase().regex(LANGUAGE_CODE, { error: "languages.codeInvalid" }),
  name: z.string({ error: "languages.nameInvalid" }).trim().min(1, { error: "languages.nameInvalid" }).max(60, { error: "languages.nameInvalid" }),
});

export const languageRowForm = z.object({ code: z.string().regex(LANGUAGE_CODE) });

export const importForm = z.object({ file: z.file({ error: "languages.fileMissing" }) });

/** A recording's text: its key (from the page's table) and, to upload, the audio. */
export const voiceForm = z.object({ key: z.string().min(1).max(300), audio: z.file({ error: "languages.fileMissing" }) });
export const voiceRemoveForm = z.object({ key: z.string().min(1).max(300) });
