/** Turns ingest issues into sentences in the reader's language (Vietnamese for the API and the CLI). */
import type { TFunction } from "i18next";

import type { IngestIssue } from "./ingest.server";

export function issueMessage(t: TFunction, issue: Pick<IngestIssue, "key" | "params">): string {
  // Keys come from our own validators; an unexpected one falls back to a generic sentence.
  // Keys with a namespace ("dossier.invalidCode") are used as they are.
  const key = issue.key.includes(".") ? issue.key : (`validation.${issue.key}` as const);
  const text = t(key as "validation.invalidField", issue.params);
  return text === key ? t("validation.invalidField", issue.params) : text;
}
