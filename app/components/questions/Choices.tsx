/**
 * A group of radio buttons or checkboxes in a fieldset: the shape of scale, single, yes/no and multi
 * questions. Inputs come first and labels after them so that CSS can style the checked one without :has().
 */
import { useTranslation } from "react-i18next";

import { errorId } from "./types";

export type Choice = { value: string; label: string; muted?: boolean };

export function Choices({
  code,
  legend,
  help,
  choices,
  values,
  error,
  multiple = false,
  required = false,
  variant = "pills",
  renderIcon,
}: {
  code: string;
  legend: string;
  help?: string;
  choices: Choice[];
  values: string[];
  error?: string;
  multiple?: boolean;
  required?: boolean;
  /** pills: small, in a row; faces: three large faces; buttons: one large button per line (fields). */
  variant?: "pills" | "faces" | "buttons";
  renderIcon?: (choice: Choice) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const helpId = help ? `${code}-help` : undefined;
  const describedBy = [helpId, error ? errorId(code) : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={`q q-${variant}${error ? " q-invalid" : ""}`}
      id={`q-${code}`}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      // A required choice is a radio group (aria-required is not allowed on a plain fieldset).
      role={required && !multiple ? "radiogroup" : undefined}
      aria-required={(required && !multiple) || undefined}
    >
      <legend>
        {legend}
        {required ? <span className="req"> ({t("rate.requiredMark")})</span> : null}
      </legend>
      {help ? (
        <p className="help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="err" id={errorId(code)}>
          {error}
        </p>
      ) : null}
      <div className="opts">
        {choices.map((choice) => {
          const id = `${code}-${choice.value}`;
          return (
            <span key={choice.value} className={choice.muted ? "opt muted" : "opt"}>
              <input
                type={multiple ? "checkbox" : "radio"}
                id={id}
                name={code}
                value={choice.value}
                defaultChecked={values.includes(choice.value)}
              />
              <label htmlFor={id}>
                {renderIcon?.(choice)}
                <span>{choice.label}</span>
              </label>
            </span>
          );
        })}
      </div>
    </fieldset>
  );
}
