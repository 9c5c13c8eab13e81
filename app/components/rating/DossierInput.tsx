/** The optional dossier (receipt) code: one rating per dossier; only its keyed hash is stored. */
import { useTranslation } from "react-i18next";

export function DossierInput({ name, value, error }: { name: string; value: string; error?: string }) {
  const { t } = useTranslation();
  const hintId = `${name}-hint`;
  const errorId = `${name}-error`;
  return (
    <div className={`q q-text${error ? " q-invalid" : ""}`} id={`q-${name}`}>
      <label htmlFor={name}>{t("dossier.codeLabel")}</label>
      {error ? (
        <p className="err" id={errorId}>
          {error}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="text"
        className="code"
        maxLength={40}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        defaultValue={value}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
      />
      <p className="help" id={hintId}>
        {t("dossier.codeHint")}
      </p>
    </div>
  );
}
