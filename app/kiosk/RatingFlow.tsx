/**
 * One citizen's rating on the kiosk: the overall question as three very large faces, then the other
 * scale questions of the definition and an optional receipt code, then thanks. The parent mounts a new
 * instance (a new `key`) for every citizen, so no state, input or language choice survives to the next
 * one; an idle timer hands a half-finished rating back the same way.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { Face, moodOf } from "~/components/questions/Face";
import type { Locale } from "~/survey/codes";
import { allQuestions } from "~/survey/definition";

import type { Rating } from "./client";
import type { KioskConfig } from "./types";

type Step = "overall" | "details" | "thanks";

export type SaveResult = { ok: true } | { ok: false; key: string; params: Record<string, string | number> };

export function RatingFlow({
  config,
  officerName,
  blocked,
  onSave,
  onDone,
}: {
  config: KioskConfig;
  officerName: { name: string; title: string; photo: string | null } | null;
  /** A reason the kiosk cannot take a rating now (cool-down, daily cap), already translated. */
  blocked: ((t: (key: string, params?: Record<string, unknown>) => string) => string) | null;
  onSave: (rating: Rating) => Promise<SaveResult>;
  onDone: () => void;
}) {
  const { i18n } = useTranslation();
  const [locale, setLocale] = useState<Locale>("vi");
  const t = i18n.getFixedT(locale);
  const tt = t as unknown as (key: string, params?: Record<string, unknown>) => string;
  const [step, setStep] = useState<Step>("overall");
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [dossier, setDossier] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const def = config.survey;
  const indexCode = def.method.index === "question" ? def.method.question : "TONG_THE";
  const questions = allQuestions(def).filter((q) => q.type === "scale");
  const overall = questions.find((q) => q.code === indexCode)!;
  const others = questions.filter((q) => q.code !== indexCode);
  const scaleOf = (q: (typeof questions)[number]) => (q.type === "scale" ? def.scales[q.scale]! : null);

  // Thanks: back to an empty screen by itself after a few seconds.
  useEffect(() => {
    if (step !== "thanks") return;
    const timer = setTimeout(onDone, config.timing.thanksSeconds * 1000);
    return () => clearTimeout(timer);
  }, [step, onDone, config.timing.thanksSeconds]);

  // Idle: a rating begun and left (or a language switched and left) is discarded after a while without a touch.
  const lastTouch = useRef(Date.now());
  const started = step === "details" || locale !== "vi";
  useEffect(() => {
    if (!started) return;
    const touch = () => (lastTouch.current = Date.now());
    touch();
    const events = ["pointerdown", "keydown", "input"] as const;
    events.forEach((e) => document.addEventListener(e, touch, true));
    const timer = setInterval(() => {
      if (Date.now() - lastTouch.current >= config.timing.idleSeconds * 1000) onDone();
    }, 500);
    return () => {
      events.forEach((e) => document.removeEventListener(e, touch, true));
      clearInterval(timer);
    };
  }, [started, onDone, config.timing.idleSeconds]);

  async function send(final: Record<string, number>) {
    if (saving) return;
    setSaving(true);
    setError(null);
    const result = await onSave({ answers: final, dossier, locale });
    setSaving(false);
    if (result.ok) {
      setStep("thanks");
      return;
    }
    const key = result.key.includes(".") ? result.key : `validation.${result.key}`;
    setError(tt("kiosk.invalid", { message: tt(key, result.params) }));
  }

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
        <button type="button" className="kiosk-lang" lang={locale === "vi" ? "en" : "vi"} onClick={() => setLocale(locale === "vi" ? "en" : "vi")}>
          {locale === "vi" ? t("kiosk.english") : t("kiosk.vietnamese")}
        </button>
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
          <h1 id="kiosk-q-overall">{overall.label[locale]}</h1>
          {reason ? (
            <p className="kiosk-blocked" role="status">
              {reason}
            </p>
          ) : (
            <p className="kiosk-hint">{t("kiosk.overallHint")}</p>
          )}
          <div className="kiosk-faces">
            {overallScale.options.map((o) => (
              <button
                key={o.code}
                type="button"
                className={`kiosk-face kiosk-face-${moodOf(byCode.indexOf(o.code), byCode.length)}`}
                disabled={reason !== null}
                onClick={() => {
                  setAnswers({ [overall.code]: o.code });
                  setStep("details");
                }}
              >
                <Face mood={moodOf(byCode.indexOf(o.code), byCode.length)} />
                <span>{o.label[locale]}</span>
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
          void send(answers);
        }}
      >
        <h1>{t("kiosk.more")}</h1>
        {others.map((q) => {
          const scale = scaleOf(q)!;
          const codes = scale.options.map((o) => o.code).sort((a, b) => b - a);
          return (
            <fieldset key={q.code} className="kiosk-question">
              <legend>{q.label[locale]}</legend>
              <div className="kiosk-pills">
                {scale.options.map((o) => (
                  <label key={o.code} className={answers[q.code] === o.code ? "is-checked" : undefined}>
                    <input
                      type="radio"
                      name={q.code}
                      value={o.code}
                      checked={answers[q.code] === o.code}
                      onChange={() => setAnswers((a) => ({ ...a, [q.code]: o.code }))}
                    />
                    <Face mood={moodOf(codes.indexOf(o.code), codes.length)} />
                    <span>{o.label[locale]}</span>
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
            onChange={(e) => setDossier(e.target.value)}
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
          <button type="button" className="kiosk-secondary" onClick={onDone}>
            {t("kiosk.back")}
          </button>
          <button type="submit" className="kiosk-primary" disabled={saving}>
            {t("kiosk.send")}
          </button>
        </div>
      </form>
    </div>
  );
}
