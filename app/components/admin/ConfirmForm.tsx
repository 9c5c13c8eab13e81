/**
 * A staff action that cannot be undone (rotate a QR token, unpair a tablet): a POST with the CSRF field, the
 * row's id as a hidden field, and a required "I understand" checkbox, so one stray tap does not do it.
 */
import { Form } from "@remix-run/react";

import { CsrfInput } from "~/components/CsrfInput";

export function ConfirmForm(props: {
  /** The hidden field naming what the action applies to, e.g. `{ counter: "TTHCC-Q01" }`. */
  target: { name: string; value: string | number };
  intent: string;
  confirm: string;
  submit: string;
  className?: string;
}) {
  return (
    <Form method="post" className={props.className}>
      <CsrfInput />
      <input type="hidden" name={props.target.name} value={props.target.value} />
      <label>
        <input type="checkbox" name="confirm" required /> {props.confirm}
      </label>{" "}
      <button type="submit" name="intent" value={props.intent}>
        {props.submit}
      </button>
    </Form>
  );
}
