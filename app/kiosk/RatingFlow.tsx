/**
 * One citizen's rating on the kiosk. A tap on one of the three very large faces is a vote: the whole rating
 * (overall, counter, agency, officer on duty, the field if chosen) goes to the outbox at once
 * (docs/decisions/0016). At a counter serving several fields, their names stand above the faces as large
 * buttons (one tap, skippable) and, if skipped, again on the details screen: the other scale questions, an
 * optional receipt code, «Xong». Details are added to the same rating on «Xong» or when the citizen walks
 * away. The parent mounts a new instance (a new `key`) for every citizen, so no state, input or language
 * choice survives to the next one.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { Face, moodOf } from "~/components/questions/Face";
import { addLanguageBundles, playVoice } from "~/languages/device";
import { labelLocale, questionKey, scaleOptionKey } from "~/languages/texts";
import { allQuestions } from "~/survey/definition";

import type { Rating, SaveOutcome, Vote } from "./client";
import type { KioskConfig } from "./types";

type Step = "overall" | "details" | "thanks";

export function RatingFlow({
  config,
  officerName,
  blocked,
  onVote,
  onDetails,
  onDone,
}: {
  config: KioskConfig;
  officerName: { name: string; title: string; photo: string | null } | null;
  /** A reason the kiosk cannot take a rating now (cool-down, daily cap), already translated. */
  blocked: ((t: (key: string, params?: Record<string, unknown>) => string) => string) | null;
  /** Puts the vote in the outbox (docs/decisions/0016): from then on it is counted, whatever happens next. */
  onVote: (rating: Rating) => Promise<{ ok: true; vote: Vote } | Exclude<SaveOutcome, { ok: true }>>;
  /** Adds the details to the vote, in the outbox. */
  onDetails: (vote: Vote, rating: Rating) => Promise<SaveOutcome>;
  onDone: () => void;
}) {
  const { i18n } = useTranslation();
  // The added languages' strings, once per citizen (a new instance each time), before the first render uses them.
  useState(() => addLanguageBundles(i18n, config.languages));
  /** `vi`, `en` or an added language; labels of an added one are its localized definition's `vi`. */
  const [locale, setLocale] = useState<string>("vi");
  const added = config.languages?.find((l) => l.code === locale);
  const labels = labelLocale(locale);
  const voices = added ? added.voices : locale === "vi" ? (config.voices ?? {}) : {};
  const t = i18n.getFixedT(locale);
  const tt = t as unknown as (key: string, params?: Record<string, unknown>) => string;
  const [step, setStep] = useState<Step>("overall");
  const [vote, setVote] = useState<Vote | null>(null);
  /** The field went with the vote: the details screen does not ask it again. */
  const [votedField, setVotedField] = useState(false);
  const [field, setField] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [dossier, setDossier] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Something was given on the details screen and not yet added to the vote. */
  const dirty = useRef(false);
  const def = added?.surveys[config.survey.id] ?? config.survey;
  const indexCode = def.method.index === "question" ? def.method.question : "TONG_THE";
  const questions = allQuestions(def).filter((q) => q.type === "scale");
  const overall = questions.find((q) => q.code === indexCode)!;
  const others = questions.filter((q) => q.code !== indexCode);
  const scaleOf = (q: (typeof questions)[number]) => (q.type === "scale" ? def.scales[q.scale]! : null);
  // Tablets paired before fields were listed have `field` only: they keep working, without asking.
  const fields = config.counter.field ? [] : (config.counter.fields ?? []);
  const askField = fields.length > 1;

  const problem = (result: Exclude<SaveOutcome, { ok: true }>) => {
    const key = result.key.includes(".") ? result.key : `validation.${result.key}`;
    return tt("kiosk.invalid", { message: tt(key, result.params) });
  };

  // Thanks: back to an empty screen by itself after a few seconds.
  useEffect(() => {
    if (step !== "thanks") return;
    const timer = setTimeout(onDone, config.timing.thanksSeconds * 1000);
    return () => clearTimeout(timer);
  }, [step, onDone, config.timing.thanksSeconds]);

  // The details given so far, added to the vote: on «Xong», and when the citizen walks away. A code that is not
  // a dossier code is left out when nobody is there to correct it; everything else given is kept.
  // Read through refs: the parent re-renders every second (its clock), and the idle timer must not restart then.
  const latest = useRef({ vote, answers, field, dossier, locale, onDetails });
  latest.current = { vote, answers, field, dossier, locale, onDetails };
  const commit = useCallback(async (unattended: boolean): Promise<SaveOutcome> => {
    const { vote: v, answers: a, field: f, dossier: d, locale: l, onDetails: save } = latest.current;
    if (!v || !dirty.current) return { ok: true };
    let result = await save(v, { answers: a, field: f, dossier: d, locale: l });
    if (!result.ok && unattended && d.trim()) result = await save(v, { answers: a, field: f, dossier: "", locale: l });
    if (result.ok) dirty.current = false;
    return result;
  }, []);

  // Idle: a screen left alone goes back to the faces for the next citizen; a vote is already kept, and the
  // details given before leaving are added to it.
  const lastTouch = useRef(Date.now());
  const started = step === "details" || locale !== "vi" || field !== null;
  useEffect(() => {
    if (!started) return;
    const touch = () => (lastTouch.current = Date.now());
    touch();
    const events = ["pointerdown", "keydown", "input"] as const;
    events.forEach((e) => document.addEventListener(e, touch, true));
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current < config.timing.idleSeconds * 1000) return;
      clearInterval(timer);
      void commit(true).finally(onDone);
    }, 500);
    return () => {
      events.forEach((e) => document.removeEventListener(e, touch, true));
      clearInterval(timer);
    };
  }, [started, onDone, commit, config.timing.idleSeconds]);

  /** A language with recordings reads the question aloud as soon as it is chosen (issue 20, point 3). */
  function chooseLanguage(code: string) {
    setLocale(code);
    const chosen = config.languages?.find((l) => l.code === code);
    const sounds = chosen ? chosen.voices : code === "vi" ? (config.voices ?? {}) : {};
    playVoice(sounds[questionKey(config.survey, overall.code)]);
  }

  async function tapFace(code: number) {
    if (saving) return;
    if (overall.type === "scale") playVoice(voices[scaleOptionKey(def, overall.scale, code)]);
    setSaving(true);
    setError(null);
    const given = { [overall.code]: code };
    const result = await onVote({ answers: given, field, dossier: "", locale });
    setSaving(false);
    if (!result.ok) {
      setError(problem(result));
      return;
    }
    setAnswers(given);
    setVote(result.vote);
    setVotedField(field !== null);
    setStep("details");
  }

  async function finish() {
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await commit(false);
    setSaving(false);
    if (result.ok) setStep("thanks");
    else setError(problem(result));
  }

  const give = (update: () => void) => {
    dirty.current = true;
    update();
  };

  const fieldButtons = (id: string) => (
    <fieldset className="kiosk-fields" aria-describedby={`${id}-help`}>
      <legend>{t("kiosk.fieldQuestion")}</legend>
      <p id={`${id}-help`} className="kiosk-small">
        {t("kiosk.fieldHelp")}
      </p>
      <div className="kiosk-field-list">
        {fields.map((f) => (
          <button key={f.code} type="button" aria-pressed={field === f.code} onClick={() => give(() => setField(field === f.code ? null : f.code))}>
            {f.name}
          </button>
        ))}
      </div>
    </fieldset>
  );

  const header = (
    <header className="kiosk-head">
      <div>
        <p className="kiosk-agency">{config.agency.name}</p>
        <p className="kiosk-counter">{config.counter.name}</p>
      </div>
      {officerName ? (
        <div className="kiosk-officer" aria-label={t("kiosk.officerOnDuty")}>
          {officerName.photo ? <img src={officerName.photo} alt="" width={72} height={72} /> : null}
          <div>
            <p className="kiosk-officer-label">{t("kiosk.officerOnDuty")}</p>
            <p className="kiosk-officer-name">{officerName.name}</p>
            {officerName.title ? <p className="kiosk-officer-title">{officerName.title}</p> : null}
          </div>
        </div>
      ) : null}
      {step !== "thanks" ? (
        <div className="kiosk-langs">
          {[{ code: "vi", name: t("kiosk.vietnamese") }, { code: "en", name: t("kiosk.english") }, ...(config.languages ?? [])]
            .filter((l) => l.code !== locale)
            .map((l) => (
              <button key={l.code} type="button" className="kiosk-lang" lang={l.code} onClick={() => chooseLanguage(l.code)}>
                {l.name}
              </button>
            ))}
        </div>
      ) : null}
    </header>
  );

  if (step === "thanks") {
    return (
      <div className="kiosk-screen" lang={locale}>
        {header}
        <section className="kiosk-thanks" role="status">
          <h1>{t("kiosk.thanksTitle")}</h1>
          <p>{t("kiosk.thanksBody")}</p>
          <p className="kiosk-small">{t("kiosk.thanksNext")}</p>
        </section>
      </div>
    );
  }

  const overallScale = scaleOf(overall)!;
  const byCode = overallScale.options.map((o) => o.code).sort((a, b) => b - a);

  if (step === "overall") {
    const reason = blocked?.(tt) ?? null;
    return (
      <div className="kiosk-screen" lang={locale}>
        {header}
        <section className="kiosk-overall" aria-labelledby="kiosk-q-overall">
          <h1 id="kiosk-q-overall">{overall.label[labels]}</h1>
          {reason ? (
            <p className="kiosk-blocked" role="status">
              {reason}
            </p>
          ) : (
            <p className="kiosk-hint">{t("kiosk.overallHint")}</p>
          )}
          {askField && !reason ? fieldButtons("kiosk-field-first") : null}
          {error ? (
            <p className="kiosk-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="kiosk-faces">
            {overallScale.options.map((o) => (
              <button
                key={o.code}
                type="button"
                className={`kiosk-face kiosk-face-${moodOf(byCode.indexOf(o.code), byCode.length)}`}
                disabled={reason !== null || saving}
                onClick={() => void tapFace(o.code)}
              >
                <Face mood={moodOf(byCode.indexOf(o.code), byCode.length)} />
                <span>{o.label[labels]}</span>
              </button>
            ))}
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="kiosk-screen" lang={locale}>
      {header}
      <form
        className="kiosk-details"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void finish();
        }}
      >
        <p className="kiosk-recorded" role="status">
          {t("kiosk.voteRecorded")}
        </p>
        <h1>{t("kiosk.more")}</h1>
        {askField && !votedField ? fieldButtons("kiosk-field-details") : null}
        {others.map((q) => {
          const scale = scaleOf(q)!;
          const codes = scale.options.map((o) => o.code).sort((a, b) => b - a);
          return (
            <fieldset key={q.code} className="kiosk-question">
              <legend>{q.label[labels]}</legend>
              <div className="kiosk-pills">
                {scale.options.map((o) => (
                  <label key={o.code} className={answers[q.code] === o.code ? "is-checked" : undefined}>
                    <input
                      type="radio"
                      name={q.code}
                      value={o.code}
                      checked={answers[q.code] === o.code}
                      onChange={() => give(() => setAnswers((a) => ({ ...a, [q.code]: o.code })))}
                    />
                    <Face mood={moodOf(codes.indexOf(o.code), codes.length)} />
                    <span>{o.label[labels]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        <label className="kiosk-dossier">
          <span>{t("kiosk.dossierLabel")}</span>
          <input
            name="kiosk-dossier"
            value={dossier}
            onChange={(e) => {
              const value = e.target.value;
              give(() => setDossier(value));
            }}
            autoComplete="off"
            autoCorrect="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            aria-describedby="kiosk-dossier-help"
          />
          <small id="kiosk-dossier-help">{t("kiosk.dossierHelp")}</small>
        </label>
        {error ? (
          <p className="kiosk-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="kiosk-actions">
          <button type="submit" className="kiosk-primary" disabled={saving}>
            {t("kiosk.finish")}
          </button>
        </div>
      </form>
    </div>
  );
}
