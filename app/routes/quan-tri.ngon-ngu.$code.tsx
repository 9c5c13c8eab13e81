/**
 * One citizens' language (administrators; docs/decisions/0023): its translation spreadsheet (download, import
 * all or nothing with a message per bad row) and its recordings per question and option of a survey (upload,
 * replace, remove). `vi` has recordings only: its texts are the Vietnamese.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireUser } from "~/auth/session.server";
import { AdminTable } from "~/components/admin/AdminTable";
import { CsrfInput } from "~/components/CsrfInput";
import { formatCount, formatPct } from "~/dashboard/format";
import { fixedT, localeFromMatches } from "~/i18n/i18n";
import { localeOf } from "~/i18n/locale.server";
import { importForm, RECORDING_MAX_BYTES, voiceForm, voiceRemoveForm } from "~/languages/forms";
import { removeRecording, saveRecording, sniffAudio, voicesOf } from "~/languages/recordings.server";
import { checkTranslationRows, readTranslationFile } from "~/languages/sheet.server";
import { allTexts, findLanguage, replaceTranslations, translationsOf } from "~/languages/store.server";
import { coverage, surveyTexts } from "~/languages/texts";
import { requireUploadForm } from "~/security/staff-form.server";
import { services } from "~/services.server";

/** A translated spreadsheet: thousands of rows of short texts stay well under this. */
const SHEET_MAX_BYTES = 4 * 1024 * 1024;
const MB = (bytes: number) => String(bytes / 1024 / 1024);

function languageOr404(code: string | undefined) {
  const { db } = services();
  if (code === "vi") return { code: "vi", name: "Tiếng Việt", enabled: true, builtIn: true };
  const found = code ? findLanguage(db, code) : undefined;
  if (!found) throw new Response("Không tìm thấy ngôn ngữ", { status: 404 });
  return { ...found, builtIn: false };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  const { db, surveys } = services();
  const language = languageOr404(params.code);
  const ids = [...surveys.keys()];
  const requested = new URL(request.url).searchParams.get("phieu") ?? "";
  const survey = surveys.get(requested) ?? surveys.get("danh-gia-ho-so") ?? surveys.get(ids[0]!)!;
  const translations = translationsOf(db, language.code);
  // Recordings are per question and option: the survey's question labels and option labels.
  const recordable = surveyTexts(survey.def).filter((x) =>
    /:(q\.[^.]+\.(label|options\.\d+\.label)|scales\.[^.]+\.options\.\d+\.label|noOpinion\.label)$/.test(x.key),
  );
  return {
    language,
    locale: localeOf(request),
    coverage: language.builtIn ? null : coverage(allTexts(surveys), translations),
    surveys: ids,
    survey: survey.def.id,
    texts: recordable.map((x) => ({
      key: x.key,
      where: x.where,
      shown: translations.get(x.key)?.source === x.vi ? translations.get(x.key)!.text : x.vi,
    })),
    voices: voicesOf(db, language.code),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  importForm.extend({ intent: z.literal("import") }),
  voiceForm.extend({ intent: z.literal("voice") }),
  voiceRemoveForm.extend({ intent: z.literal("removeVoice") }),
]);

type Outcome = { ok: boolean; message: string; errors?: string[]; key?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  requireUser(request, ["admin"]);
  const t = fixedT(localeOf(request));
  const language = languageOr404(params.code);
  const form = await requireUploadForm(request, Math.max(SHEET_MAX_BYTES, RECORDING_MAX_BYTES) + 64 * 1024);
  if (!form) return data<Outcome>({ ok: false, message: t("languages.fileTooLarge", { mb: MB(SHEET_MAX_BYTES) }) }, { status: 413 });
  const { db, surveys } = services();
  const submission = parseWithZod(form, { schema: actionSchema });
  if (submission.status !== "success") {
    return data<Outcome>({ ok: false, message: t("languages.fileMissing"), key: String(submission.payload.key ?? "") || undefined }, { status: 400 });
  }
  const input = submission.value;
  const texts = allTexts(surveys);
  switch (input.intent) {
    case "import": {
      if (language.builtIn) throw new Response("Tiếng Việt không cần bản dịch", { status: 400 });
      if (input.file.size > SHEET_MAX_BYTES)
        return data<Outcome>({ ok: false, message: t("languages.fileTooLarge", { mb: MB(SHEET_MAX_BYTES) }) }, { status: 413 });
      const read = await readTranslationFile(Buffer.from(await input.file.arrayBuffer()));
      const checked = read.ok ? checkTranslationRows(texts, read.rows) : read;
      if (!checked.ok)
        return data<Outcome>({ ok: false, message: t("languages.importRefused"), errors: checked.errors.slice(0, 200) }, { status: 400 });
      const done = replaceTranslations(db, language.code, checked.rows);
      return { ok: true, message: t("languages.imported", { set: done.set, cleared: done.cleared }) } satisfies Outcome;
    }
    case "voice": {
      if (!texts.some((x) => x.key === input.key))
        return data<Outcome>({ ok: false, message: t("languages.unknownText"), key: input.key }, { status: 400 });
      if (input.audio.size > RECORDING_MAX_BYTES) {
        return data<Outcome>({ ok: false, message: t("languages.audioTooLarge", { mb: MB(RECORDING_MAX_BYTES) }), key: input.key }, { status: 413 });
      }
      const bytes = Buffer.from(await input.audio.arrayBuffer());
      const mime = sniffAudio(bytes);
      if (!mime) return data<Outcome>({ ok: false, message: t("languages.notAudio"), key: input.key }, { status: 400 });
      saveRecording(db, { language: language.code, key: input.key }, bytes, mime);
      return { ok: true, message: t("languages.uploaded"), key: input.key } satisfies Outcome;
    }
    case "removeVoice": {
      removeRecording(db, { language: language.code, key: input.key });
      return { ok: true, message: t("languages.removed"), key: input.key } satisfies Outcome;
    }
  }
}

export default function LanguagePage() {
  const { language, locale, coverage: covered, surveys, survey, texts, voices } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() as Outcome | undefined;
  const { t } = useTranslation();
  return (
    <main className="page wide">
      <p>
        <Link to="/quan-tri/ngon-ngu">{t("languages.title")}</Link>
      </p>
      <h1 lang={language.code}>
        {language.name} <code>{language.code}</code>
      </h1>
      {outcome && !outcome.key ? (
        <div className={outcome.ok ? "ok-summary" : "err-summary"} role="status">
          <p>{outcome.message}</p>
          {outcome.errors?.length ? (
            <ul>
              {outcome.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {covered ? (
        <section aria-labelledby="sheet">
          <h2 id="sheet">{t("languages.sheetTitle")}</h2>
          <p>
            {t("languages.coverage")}:{" "}
            <strong data-coverage>
              {t("languages.coverageValue", {
                done: formatCount(covered.done, locale),
                total: formatCount(covered.total, locale),
                pct: formatPct(covered.total ? (100 * covered.done) / covered.total : 0, locale),
              })}
            </strong>
          </p>
          <p className="help">{t("languages.sheetHelp")}</p>
          <p>
            <a href={`/quan-tri/ban-dich/${language.code}.xlsx`} download>
              {t("languages.downloadXlsx")}
            </a>{" "}
            ·{" "}
            <a href={`/quan-tri/ban-dich/${language.code}.csv`} download>
              {t("languages.downloadCsv")}
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" reloadDocument>
            <CsrfInput />
            <label htmlFor="sheet-file">{t("languages.importFile")}</label>{" "}
            <input
              id="sheet-file"
              name="file"
              type="file"
              required
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />{" "}
            <button type="submit" name="intent" value="import">
              {t("languages.import")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="voices">
        <h2 id="voices">{t("languages.voiceTitle")}</h2>
        <p className="help">{t("languages.voiceHelp", { mb: MB(RECORDING_MAX_BYTES) })}</p>
        <Form method="get" className="qr-filter">
          <label htmlFor="phieu">{t("languages.survey")}</label>{" "}
          <select id="phieu" name="phieu" defaultValue={survey}>
            {surveys.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{t("languages.show")}</button>
        </Form>
        <AdminTable columns={[t("languages.text"), t("languages.voice"), t("languages.upload")]}>
          {texts.map((x) => (
            <tr key={x.key} data-key={x.key}>
              <th scope="row">
                <span lang={language.code}>{x.shown}</span>
                <br />
                <small>{x.where}</small>
              </th>
              <td>
                {voices[x.key] ? (
                  // eslint-disable-next-line jsx-a11y/media-has-caption -- the text it reads is the row's header
                  <audio controls preload="none" src={voices[x.key]} aria-label={x.shown} />
                ) : (
                  t("languages.noVoice")
                )}
                {outcome?.key === x.key ? (
                  <p className={outcome.ok ? "ok" : "err"} role="status">
                    {outcome.message}
                  </p>
                ) : null}
              </td>
              <td>
                <Form method="post" encType="multipart/form-data" reloadDocument>
                  <CsrfInput />
                  <input type="hidden" name="key" value={x.key} />
                  <input name="audio" type="file" required accept="audio/*" aria-label={`${t("languages.audioFile")}: ${x.shown}`} />{" "}
                  <button type="submit" name="intent" value="voice">
                    {voices[x.key] ? t("languages.replace") : t("languages.upload")}
                  </button>
                </Form>
                {voices[x.key] ? (
                  <Form method="post" encType="multipart/form-data" reloadDocument>
                    <CsrfInput />
                    <input type="hidden" name="key" value={x.key} />
                    <button type="submit" name="intent" value="removeVoice">
                      {t("languages.remove")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </AdminTable>
      </section>
    </main>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data?.language.name ?? ""} — ${fixedT(localeFromMatches(matches))("languages.title")}` },
];
