import type { dossier as vi } from "../vi/dossier";
import type { Shape } from "../shape";

export const dossier = {
  codeLabel: "Dossier code (receipt number)",
} satisfies Shape<typeof vi>;
