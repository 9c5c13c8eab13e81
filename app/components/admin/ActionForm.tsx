/**
 * A one-tap staff action on one row (enable/disable a counter or an officer, revoke an API key): a POST with the
 * CSRF field, the row's id as a hidden field and the intent on the button. Irreversible actions use ConfirmForm.
 */
import { Form } from "@remix-run/react";

import { CsrfInput } from "~/components/CsrfInput";

export function ActionForm(props: {
  /** The hidden field naming what the action applies to, e.g. `{ name: "counter", value: "TTHCC-Q01" }`. */
  target: { name: string; value: string | number };
  intent: string;
  submit: string;
  className?: string;
  buttonClassName?: string;
}) {
  return (
    <Form method="post" className={props.className}>
      <CsrfInput />
      <input type="hidden" name={props.target.name} value={props.target.value} />
      <button type="submit" name="intent" value={props.intent} className={props.buttonClassName}>
        {props.submit}
      </button>
    </Form>
  );
}
