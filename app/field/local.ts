/**
 * What the tablet keeps besides the outbox (browser-only): the surveyor's assignments (to work offline after the
 * session ended) and the interview in progress (a draft survives reloads and closing the browser).
 */
import { offlineDb } from "~/offline/db";

export type LocalAssignment = {
  id: number;
  survey: string;
  agency: string;
  agencyName: string;
  field: string | null;
  fieldName: string | null;
  quota: number;
  from: string;
  to: string;
};

export type DraftData = {
  assignmentId: number;
  survey: string;
  agency: string;
  field: string | null;
  responseId: string;
  answers: Record<string, unknown>;
  step: number;
  startedAt: number;
  /** Whether an interpreter helped (asked on the review screen; docs/contracts.md §A response). */
  interpreter?: boolean;
};

const DRAFT_ID = "current";
const ASSIGNMENTS_KEY = "assignments";

export async function saveAssignments(list: LocalAssignment[]): Promise<void> {
  await (await offlineDb()).put("device", list, ASSIGNMENTS_KEY);
}

export async function loadAssignments(): Promise<LocalAssignment[]> {
  return ((await (await offlineDb()).get("device", ASSIGNMENTS_KEY)) as LocalAssignment[] | undefined) ?? [];
}

export async function saveDraft(data: DraftData): Promise<void> {
  await (await offlineDb()).put("drafts", { id: DRAFT_ID, updatedAt: Date.now(), data });
}

export async function loadDraft(): Promise<DraftData | null> {
  return ((await (await offlineDb()).get("drafts", DRAFT_ID))?.data as DraftData | undefined) ?? null;
}

export async function clearDraft(): Promise<void> {
  await (await offlineDb()).delete("drafts", DRAFT_ID);
}
