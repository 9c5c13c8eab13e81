/** Longest accepted value of each editable part of a report (the form and the action share them). */
export const DRAFT_LIMITS = { number: 60, recommendations: 20_000, recipients: 2_000, signerTitle: 120, signerName: 120 } as const;
