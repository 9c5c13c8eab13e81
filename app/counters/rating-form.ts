/** The names of the citizen form's own inputs (beside the question codes), shared by its pages and its server code. */
export const FIELD_INPUT = "_field";
export const DOSSIER_INPUT = "_dossier";
export const RID_INPUT = "_rid";
export const TOKEN_INPUT = "_t";
/** The honeypot: a name form-filling bots cannot resist; hidden from people and screen readers. */
export const HONEYPOT_INPUT = "website";

export type FormValues = Record<string, string[]>;
