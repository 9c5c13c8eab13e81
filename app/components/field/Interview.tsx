/**
 * The interview, one section per screen with progress, then a review screen where any section can be edited
 * before saving. Questions are rendered from the definition by the same renderers as the citizen page; every
 * change is written to the draft (IndexedDB) at once, so a reload or a flat battery loses nothing.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { Question } from "~/components/questions/Question";
import { mergeSection, sectionIssues, shownQuestions, type Raw } from "~/field/interview";
import type { DraftData } from "~/field/local";
import type { TabletLanguages } from "~/languages/device";
import { labelLocale } from "~/languages/texts";
import { issueMessage } from "~/responses/messages";
import type { Locale } from "~/survey/codes";
import type { Question as Q, SurveyDefinition } from "~/survey/definition";

import { LanguageSwitch } from "./FieldLanguage";

const NO_VOICES: Readonly<Record<string, string>> = {};

function formValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function answerText(def: SurveyDefinition, q: Q, value: unknown, lang: Locale, yes: string, no: string): string {
  const label = (code: unknown) => {
    if (q.type === "scale") {
      if (code === def.noOpinion.code) return def.noOpinion.label[lang];
      return def.scales[q.scale]?.options.find((o) => o.code === code)?.label[lang] ?? String(code);
    }
    if (q.type === "single" || q.type === "multi") return q.options.find((o) => o.code === code)?.label[lang] ?? String(code);
    if (q.type === "yesno") return code === 1 ? yes : no;
    return String(code);
  };
  return Array.isArray(value) ? value.map(label).join("; ") : label(value);
}

export function Interview({
  def,
  draft,
  onChange,
  onSave,
  onCancel,
  lang: language,
  languages,
  voices = NO_VOICES,
  onLang,
}: {
  /** The interview language: `vi`, `en` or an added one (then `def` carries its labels in `vi`). */
  lang: string;
  languages: TabletLanguages["languages"];
  /** The language's recordings by text key → address (docs/decisions/0023). */
  voices?: Readonly<Record<string, string>>;
  onLang: (l: string) => void;
  def: SurveyDefinition;
  draft: DraftData;
  onChange: (d: DraftData) => void;
  onSave: (d: DraftData) => Promise<string[] | null>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const lang = labelLocale(language);
  const heading = useRef<HTMLHeadingElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const total = def.sections.length;
  const step = Math.min(draft.step, total);
  const section = step < total ? def.sections[step]! : null;
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  const update = (answers: Raw, nextStep = step) => onChange({ ...draft, answers, step: nextStep });

  function readForm(form: HTMLFormElement): Raw {
    return section ? mergeSection(def, section, draft.answers, new FormData(form)) : draft.answers;
  }

  function next(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!section) return;
    const answers = readForm(event.currentTarget);
    const issues = sectionIssues(def, section, answers);
    if (issues.length > 0) {
      setErrors(Object.fromEntries(issues.map((i) => [i.question, issueMessage(t, { key: i.key, params: { question: i.question, ...i.params } })])));
      update(answers);
      return;
    }
    setErrors({});
    update(answers, step + 1);
  }

  async function save() {
    setSaving(true);
    const problems = await onSave(draft);
    setSaving(false);
    if (problems) setErrors({ _: problems.join(" ") });
  }

  const progress = (
    <div className="progress-wrap">
      <LanguageSwitch lang={language} added={languages} onChange={onLang} />
      <p className="help">{section ? t("field.sectionOf", { n: step + 1, total }) : t("field.reviewTitle")}</p>
      <progress max={total} value={step} aria-label={t("field.progress")} />
    </div>
  );

  if (!section) {
    return (
      <section className="interview" aria-labelledby="review-title">
        {progress}
        <h2 id="review-title" ref={heading} tabIndex={-1}>
          {t("field.reviewTitle")}
        </h2>
        <p className="help">{t("field.reviewIntro")}</p>
        <p className="help">{t("field.langNote")}</p>
        <p className="check">
          <input
            id="interpreter"
            type="checkbox"
            checked={draft.interpreter ?? false}
            onChange={(e) => onChange({ ...draft, interpreter: e.currentTarget.checked })}
            aria-describedby="interpreter-help"
          />{" "}
          <label htmlFor="interpreter">{t("languages.interpreter")}</label>
          <br />
          <small id="interpreter-help">{t("languages.interpreterHelp")}</small>
        </p>
        {errors._ ? (
          <p className="err-summary" role="alert">
            {errors._}
          </p>
        ) : null}
        {def.sections.map((s, i) => (
          <div key={s.code} className="review-section">
            <h3>{s.title[lang]}</h3>
            <dl>
              {shownQuestions(s, draft.answers).map((q) => (
                <div key={q.code} className="review-row">
                  <dt>{q.label[lang]}</dt>
                  <dd>
                    {q.code in draft.answers ? answerText(def, q, draft.answers[q.code], lang, t("yesno.yes"), t("yesno.no")) : t("field.noAnswer")}
                  </dd>
                </div>
              ))}
            </dl>
            <button
              type="button"
              className="big secondary"
              onClick={() => update(draft.answers, i)}
              aria-label={t("field.edit", { section: s.title[lang] })}
            >
              {t("field.editShort")}
            </button>
          </div>
        ))}
        <div className="nav-buttons">
          <button type="button" className="big secondary" onClick={() => update(draft.answers, total - 1)}>
            {t("field.back")}
          </button>
          <button type="button" className="big primary" onClick={save} disabled={saving}>
            {saving ? t("field.saving") : t("field.save")}
          </button>
        </div>
      </section>
    );
  }

  const visible = shownQuestions(section, draft.answers);
  return (
    <section className="interview" aria-labelledby="section-title">
      {progress}
      <h2 id="section-title" ref={heading} tabIndex={-1}>
        {section.title[lang]}
      </h2>
      {Object.keys(errors).length > 0 ? (
        <p className="err-summary" role="alert">
          {t("field.fixErrors")}
        </p>
      ) : null}
      <form key={section.code} onSubmit={next} onChange={(e) => update(readForm(e.currentTarget))} noValidate>
        {visible.map((q) => (
          <Question
            key={q.code}
            def={def}
            question={q}
            locale={lang}
            values={formValues(draft.answers[q.code])}
            error={errors[q.code]}
            // Their addresses are answered from the tablet's kept copies offline (public/sw.js, app/field/voices.ts).
            voices={voices}
          />
        ))}
        <div className="nav-buttons">
          {step > 0 ? (
            <button type="button" className="big secondary" onClick={() => update(draft.answers, step - 1)}>
              {t("field.back")}
            </button>
          ) : (
            <button type="button" className="big secondary" onClick={onCancel}>
              {t("field.cancel")}
            </button>
          )}
          <button type="submit" className="big primary">
            {step + 1 === total ? t("field.review") : t("field.next")}
          </button>
        </div>
      </form>
    </section>
  );
}
