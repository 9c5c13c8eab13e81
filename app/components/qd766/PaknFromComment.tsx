/** On a comment's page: record the comment as a PAKN counted by QĐ 766 indicators 5.2–5.4 (docs/method.md §8). */
import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";

import { FieldError, useStaffForm } from "~/components/admin/staff-form";
import { CsrfInput } from "~/components/CsrfInput";
import { useLocale } from "~/components/dashboard/common";
import { paknFromCommentForm } from "~/qd766/pakn-form";

export function PaknFromComment({ commentRef }: { commentRef: string }) {
  const { t } = useLocale();
  const [form, fields] = useStaffForm("qd766-pakn", paknFromCommentForm);
  return (
    <Form method="post" action="/quan-tri/qd766-pakn" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="ref" value={commentRef} />
      <fieldset>
        <legend>{t("qd766.paknLegend")}</legend>
        <p className="help">{t("qd766.paknHelp")}</p>
        <label htmlFor={fields.received.id}>{t("qd766.paknReceived")}</label>
        <input {...getInputProps(fields.received, { type: "date" })} />
        <FieldError field={fields.received} />
        <label htmlFor={fields.due.id}>{t("qd766.paknDue")}</label>
        <input {...getInputProps(fields.due, { type: "date" })} />
        <FieldError field={fields.due} />
        <label htmlFor={fields.handled.id}>{t("qd766.paknHandled")}</label>
        <input {...getInputProps(fields.handled, { type: "date" })} />
        <FieldError field={fields.handled} />
        <label>
          <input {...getInputProps(fields.unsatisfied, { type: "checkbox", value: "1" })} /> {t("qd766.paknUnsatisfied")}
        </label>
        <button type="submit">{t("qd766.paknSave")}</button>
      </fieldset>
    </Form>
  );
}
