/**
 * The staff forms' one way with Conform (docs/decisions/0019-forms-and-error-boundaries.md): the zod schema
 * the action parses with `parseWithZod` is the one the browser validates with — its constraints become the
 * inputs' `required`, `minLength`, `maxLength`, `min`, `max`, `pattern` (the browser checks them even before
 * the page is hydrated, and without JavaScript), and once hydrated the same schema runs on blur, then on
 * each keystroke of a field already shown wrong. Each field shows its own error beside it, pointed to by the
 * input's `aria-describedby` and marked `aria-invalid`.
 *
 * Error messages in the schemas are locale keys (translated here) or, for a few older schemas, Vietnamese
 * sentences (shown as they are).
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { z } from "zod";

/** What a staff action answers about one form: which form (a page may have several), and Conform's result. */
export type FormReply = { form: string; reply: SubmissionResult<string[]> };

/** `lastResult` for the form `id`: the action's answer only if it is about this form. */
export function resultFor(id: string, answer: object | null | undefined): SubmissionResult<string[]> | undefined {
  return answer && "form" in answer && answer.form === id && "reply" in answer ? (answer as FormReply).reply : undefined;
}

/** Conform's useForm for the form `id` validated by `schema`; `answer` is the action's data (any of the page's forms). */
export function useStaffForm<Schema extends z.ZodObject>(id: string, schema: Schema, answer?: object | null) {
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id,
    lastResult: resultFor(id, answer),
    constraint: constraintOf(schema),
    // Before hydration (and without JavaScript) the browser checks the constraints itself.
    defaultNoValidate: false,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

type Constraint = ReturnType<typeof getZodConstraint>[string];
type JsonField = { minLength?: number; maxLength?: number; minimum?: number; maximum?: number; pattern?: string };

const constraints = new WeakMap<z.ZodObject, Record<string, Constraint>>();

/**
 * The browser's constraints for the form's fields. Conform's getZodConstraint gives `required` (and the
 * choices of an enum); with zod 4.6 it no longer sees lengths, bounds or patterns — it reads the schema's
 * internal `_zod.bag`, which zod stopped filling — so those come from zod's own JSON Schema of the form.
 */
export function constraintOf(schema: z.ZodObject): Record<string, Constraint> {
  const known = constraints.get(schema);
  if (known) return known;
  const result = getZodConstraint(schema);
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonField> };
  for (const [name, field] of Object.entries(json.properties ?? {})) {
    const constraint = (result[name] ??= { required: false });
    if (field.minLength !== undefined) constraint.minLength = field.minLength;
    if (field.maxLength !== undefined) constraint.maxLength = field.maxLength;
    if (field.minimum !== undefined) constraint.min = field.minimum;
    if (field.maximum !== undefined) constraint.max = field.maximum;
    if (field.pattern !== undefined) {
      // As Conform writes it: the browser anchors `pattern` and reads it with the `v` flag.
      const pattern = `^(?=.*(?:${field.pattern})).*$`;
      if (validPattern(pattern)) constraint.pattern = pattern;
    }
  }
  constraints.set(schema, result);
  return result;
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, "v");
    return true;
  } catch {
    return false;
  }
}

/** One field's errors, beside it; `values` fills the message's {{placeholders}}. */
export function FieldError({ field, values }: { field: { errorId: string; errors?: string[] }; values?: Record<string, string | number> }) {
  const { t, i18n } = useTranslation();
  if (!field.errors?.length) return null;
  return (
    <p className="err" id={field.errorId}>
      {field.errors.map((message) => (i18n.exists(message) ? t(message as "form.invalid", values ?? {}) : message)).join(" ")}
    </p>
  );
}
