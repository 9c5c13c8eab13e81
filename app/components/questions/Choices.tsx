/**
 * A group of radio buttons or checkboxes in a fieldset: the shape of scale, single, yes/no and multi
 * questions. Inputs come first and labels after them so that CSS can style the checked one without :has().
 */
import { useTranslation } from "react-i18next";

import { errorId } from "./types";

/** `voice`: the address of the label's recording in the page's language, if any (docs/decisions/0023). */
export type Choice = { value: string; label: string; muted?: boolean; voice?: string };

/**
 * A play control that works without JavaScript and fetches nothing until it is tapped (preload="none"): the
 * page keeps its weight budget whatever is recorded.
 */
export function Voice({ src, label }: { src: string; label: string }) {
  const { t } = useTranslation();
  // The recording reads the label printed beside it: that text is its caption.
  // eslint-disable-next-line jsx-a11y/media-has-caption
  return <audio className="voice" controls preload="none" src={src} aria-label={t("rate.listen", { label })} />;
}

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
  voice,
}: {
  code: string;
  /** The question's recording, if any. */
  voice?: string;
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
      {voice ? <Voice src={voice} label={legend} /> : null}
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
            <span key={choice.value} className={`opt${choice.muted ? " muted" : ""}${choice.voice ? " voiced" : ""}`}>
              <input type={multiple ? "checkbox" : "radio"} id={id} name={code} value={choice.value} defaultChecked={values.includes(choice.value)} />
              <label htmlFor={id}>
                {renderIcon?.(choice)}
                <span>{choice.label}</span>
              </label>
              {choice.voice ? <Voice src={choice.voice} label={choice.label} /> : null}
            </span>
          );
        })}
      </div>
    </fieldset>
  );
}
