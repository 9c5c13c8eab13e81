import type { dossier as vi } from "../vi/dossier";
import type { Shape } from "../shape";

export const dossier = {
  codeLabel: "Dossier code (receipt number)",
  codeHint: "Optional. It is printed on your receipt; each dossier can be rated once.",
  invalidCode: "A dossier code has 4–40 characters: letters, digits, hyphens (-), slashes (/) or dots (.).",
  unknownCode: "No dossier has this code. Please check the code on your receipt.",
  alreadyRated: "This dossier has already been rated. Thank you.",
  alreadyRatedApi: "This dossier has already been rated; each dossier takes one rating.",
  alreadyRatedDetails:
    "A dossier with this code has already been rated, so these answers were not recorded. Please clear the dossier code and press “Send these answers”.",
  honeypotLabel: "Leave this box empty (automated check)",
} satisfies Shape<typeof vi>;
