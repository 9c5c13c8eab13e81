/**
 * The surveyor's app: device set-up, assignments, the interview, and the interviews on the device with their
 * states. Everything it needs offline is in IndexedDB (app/offline, app/field/local.ts); the service worker
 * keeps the page itself.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import { useRouteLoaderData } from "@remix-run/react";

import type { AssignmentView } from "~/field/assignments.server";
import { responseBody } from "~/field/interview";
import { clearDraft, loadAssignments, loadDraft, saveAssignments, saveDraft, type DraftData, type LocalAssignment } from "~/field/local";
import { keepVoices, voiceUrlsFor, type VoiceCacheReport } from "~/field/voices";
import type { TabletLanguages } from "~/languages/device";
import { withLabels } from "~/languages/texts";
import { formatDay } from "~/i18n/vn-time";
import { getDevice, newDeviceUuid, saveDevice, type DeviceRecord } from "~/offline/device";
import { addToOutbox, listOutbox, onOutboxChange, outboxCounts, resolveItem, type OutboxItem, type OutboxState } from "~/offline/outbox";
import { registerServiceWorker, requestPersistentStorage, type OfflineReadiness } from "~/offline/sw-client";
import { startAutoSync, syncNow, type SyncReport } from "~/offline/sync";
import type { loader as rootLoader } from "~/root";
import type { SurveyDefinition } from "~/survey/definition";

import { FieldLanguageProvider, LanguageSwitch, useFieldLanguage } from "./FieldLanguage";
import { Interview } from "./Interview";
import { OutboxList } from "./OutboxList";

type Props = {
  user: { displayName: string; username: string } | null;
  assignments: AssignmentView[] | null;
  defs: Record<string, SurveyDefinition>;
  /** The enabled added languages and every language's recordings (docs/decisions/0023). */
  languages: TabletLanguages;
};

const appVersion = () => (typeof window === "undefined" ? "" : (window.__remixManifest?.version ?? ""));

/** The app in the interview language chosen on the tablet (the screens below read it through i18next). */
export function SurveyorApp(props: Props) {
  const [lang, setLang] = useFieldLanguage(props.languages.languages);
  return (
    <FieldLanguageProvider lang={lang} added={props.languages.languages}>
      <SurveyorScreens {...props} lang={lang} onLang={setLang} />
    </FieldLanguageProvider>
  );
}

function SurveyorScreens({ user, assignments: fromServer, defs, languages, lang, onLang }: Props & { lang: string; onLang: (l: string) => void }) {
  const { t, i18n } = useTranslation();
  const csrf = useRouteLoaderData<typeof rootLoader>("root")?.csrf ?? "";
  const [device, setDevice] = useState<DeviceRecord | null | undefined>(undefined);
  const [assignments, setAssignments] = useState<LocalAssignment[]>(fromServer ?? []);
  // False until the assignments on this tablet are known: before that, the recordings kept must not be pruned.
  const [assignmentsKnown, setAssignmentsKnown] = useState(fromServer !== null);
  const [voices, setVoices] = useState<VoiceCacheReport | null>(null);
  const [voicesRun, setVoicesRun] = useState(0);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [counts, setCounts] = useState<Record<OutboxState, number> | null>(null);
  const [online, setOnline] = useState(true);
  const [persistDenied, setPersistDenied] = useState(false);
  // Null while the worker is being installed and told what to keep.
  const [offlineReady, setOfflineReady] = useState<OfflineReadiness | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [draft, setDraft] = useState<DraftData | null>(null);
  // False until the stored draft has been read: before that (server HTML, hydration, a slow IndexedDB) a tap
  // on "start" could overwrite an interview left unfinished on this tablet.
  const [ready, setReady] = useState(false);
  const [interviewing, setInterviewing] = useState(false);
  const [busy, setBusy] = useState<"sync" | "register" | null>(null);
  const [deviceName, setDeviceName] = useState("");

  const refresh = useCallback(async () => {
    setItems(await listOutbox());
    setCounts(await outboxCounts());
  }, []);

  const describe = useCallback(
    (r: SyncReport) => {
      if (r.noDevice) return t("field.syncNoDevice");
      if (r.revoked) return t("field.syncRevoked");
      if (r.offline) return t("field.syncOffline");
      return t("field.syncDone", { confirmed: r.confirmed, attention: r.attention, pending: r.stillPending });
    },
    [t],
  );
  // The set-up effect below must not re-run (restart sync, re-register the worker) when the language changes.
  const describeNow = useRef(describe);
  describeNow.current = describe;

  useEffect(() => {
    setOnline(navigator.onLine);
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    void registerServiceWorker().then(setOfflineReady);
    void requestPersistentStorage().then((ok) => setPersistDenied(!ok));
    void getDevice().then(setDevice);
    void loadDraft().then((d) => {
      setDraft(d);
      setReady(true);
    });
    if (fromServer) {
      const local: LocalAssignment[] = fromServer.map(({ id, survey, agency, agencyName, field, fieldName, quota, from, to }) => ({
        id,
        survey,
        agency,
        agencyName,
        field,
        fieldName,
        quota,
        from,
        to,
      }));
      void saveAssignments(local);
    } else {
      void loadAssignments().then((list) => {
        setAssignments(list);
        setAssignmentsKnown(true);
      });
    }
    void refresh();
    const unsubscribe = onOutboxChange(() => void refresh());
    const stop = startAutoSync({ appVersion: appVersion(), onReport: (r) => r.confirmed + r.attention > 0 && setMessage(describeNow.current(r)) });
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      unsubscribe();
      stop();
    };
  }, [fromServer, refresh]);

  // The recordings of the assigned surveys, every language, kept for offline interviews; the others removed.
  const assignedSurveys = [...new Set(assignments.map((a) => a.survey))].sort().join(" ");
  useEffect(() => {
    if (!assignmentsKnown || !navigator.onLine) return;
    let alive = true;
    void keepVoices(voiceUrlsFor(languages.voices, assignedSurveys.split(" ").filter(Boolean)))
      .then((report) => alive && setVoices(report))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [assignmentsKnown, assignedSurveys, languages.voices, online, voicesRun]);

  async function register(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy("register");
    try {
      const deviceUuid = device?.deviceUuid ?? newDeviceUuid();
      const body = new FormData();
      body.set("csrf", csrf);
      body.set("deviceUuid", deviceUuid);
      body.set("name", deviceName);
      const response = await fetch("/khao-sat-vien/thiet-bi", { method: "POST", body, credentials: "same-origin" });
      const json = (await response.json().catch(() => ({}))) as { apiKey?: string; name?: string; error?: string };
      if (!response.ok || !json.apiKey) throw new Error(json.error ?? String(response.status));
      const record: DeviceRecord = { deviceUuid, kind: "surveyor", apiKey: json.apiKey, name: json.name ?? deviceName, pairedAt: Date.now() };
      await saveDevice(record);
      setDevice(record);
      setMessage(t("field.registered"));
    } catch (error) {
      setMessage(t("field.registerFailed", { reason: (error as Error).message }));
    } finally {
      setBusy(null);
    }
  }

  async function sync() {
    setBusy("sync");
    setVoicesRun((n) => n + 1);
    try {
      setMessage(describe(await syncNow({ appVersion: appVersion() })));
    } finally {
      setBusy(null);
    }
  }

  async function start(a: LocalAssignment) {
    const d: DraftData = {
      assignmentId: a.id,
      survey: a.survey,
      agency: a.agency,
      field: a.field,
      responseId: crypto.randomUUID(),
      answers: {},
      step: 0,
      startedAt: Date.now(),
    };
    await saveDraft(d);
    setDraft(d);
    setInterviewing(true);
    setMessage(null);
  }

  function change(d: DraftData) {
    setDraft(d);
    void saveDraft(d);
  }

  async function save(d: DraftData): Promise<string[] | null> {
    const def = defs[d.survey];
    if (!def) return [d.survey];
    const built = responseBody(def, d, d.responseId, d.answers, new Date(), lang, d.interpreter ?? false);
    if (!built.ok) return built.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    await addToOutbox(built.body);
    await clearDraft();
    setDraft(null);
    setInterviewing(false);
    setMessage(t("field.saved"));
    if (navigator.onLine && device) void sync();
    return null;
  }

  const def = draft ? defs[draft.survey] : undefined;
  const added = languages.languages.find((l) => l.code === lang);
  // The survey in the interview language: translated labels where current, Vietnamese elsewhere.
  const shown = useMemo(() => (def && added ? withLabels(def, added.labels) : def), [def, added]);
  if (interviewing && draft && shown) {
    return (
      <main className="page field-app" lang={lang}>
        <Interview
          lang={lang}
          languages={languages.languages}
          voices={languages.voices[lang]}
          onLang={onLang}
          def={shown}
          draft={draft}
          onChange={change}
          onSave={save}
          onCancel={() => setInterviewing(false)}
        />
      </main>
    );
  }

  return (
    <main className="page field-app" lang={lang}>
      <LanguageSwitch lang={lang} added={languages.languages} onChange={onLang} />
      <h1>{t("field.appTitle")}</h1>
      <p className={online ? "status ok" : "status warn"} role="status">
        {online ? t("field.online") : t("field.offline")}
      </p>
      {user ? (
        <p>{t("field.hello", { name: user.displayName })}</p>
      ) : (
        <p className="help">
          {t("field.notSignedIn")} <a href="/dang-nhap?tiep=%2Fkhao-sat-vien">{t("field.signIn")}</a>
        </p>
      )}
      {message ? (
        <p className="notice" role="status" aria-live="polite">
          {message}
        </p>
      ) : null}
      {persistDenied ? <p className="help">{t("field.persistDenied")}</p> : null}

      <section aria-labelledby="device-title">
        <h2 id="device-title">{t("field.deviceTitle")}</h2>
        {device ? (
          <>
            <p>{t("field.deviceReady", { name: device.name })}</p>
            {/* Before leaving network coverage the surveyor must know the tablet will open the app without it. */}
            <p className={offlineReady === "ready" ? "status ok" : "status warn"} aria-live="polite" data-offline-ready={offlineReady ?? "checking"}>
              {t(offlineReady === null ? "field.offlineChecking" : `field.offline_${offlineReady}`)}
            </p>
            {voices && voices.kept + voices.failed > 0 ? (
              <p className={voices.failed ? "status warn" : "status ok"} data-voices-kept={voices.kept}>
                {t("field.voicesKept", {
                  n: voices.kept,
                  size: new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 }).format(voices.bytes / 1e6),
                })}
                {voices.failed ? ` ${t("field.voicesFailed", { n: voices.failed })}` : null}
              </p>
            ) : null}
          </>
        ) : device === null ? (
          <>
            <p className="help">{t("field.deviceMissing")}</p>
            {user ? (
              <form onSubmit={register} className="stack">
                <label htmlFor="device-name">{t("field.deviceName")}</label>
                <input id="device-name" value={deviceName} onChange={(e) => setDeviceName(e.target.value)} maxLength={80} />
                <button type="submit" className="big primary" disabled={busy === "register" || !online}>
                  {busy === "register" ? t("field.registering") : t("field.register")}
                </button>
              </form>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="assign-title">
        <h2 id="assign-title">{t("field.assignmentsTitle")}</h2>
        {draft && def ? (
          <div className="notice">
            <p>{t("field.draftKept")}</p>
            <div className="row-actions">
              <button type="button" className="big primary" onClick={() => setInterviewing(true)}>
                {t("field.resume")}
              </button>
              <button type="button" className="big secondary" onClick={() => void clearDraft().then(() => setDraft(null))}>
                {t("field.discardDraft")}
              </button>
            </div>
          </div>
        ) : null}
        {assignments.length === 0 ? (
          <p className="help">{t("field.noAssignments")}</p>
        ) : (
          <ul className="assignments">
            {assignments.map((a) => (
              <li key={a.id}>
                <p>
                  {t("field.assignment", {
                    agency: a.agencyName,
                    field: a.fieldName ? ` · ${a.fieldName}` : "",
                    from: formatDay(a.from),
                    to: formatDay(a.to),
                    quota: a.quota,
                  })}
                </p>
                <button type="button" className="big primary" onClick={() => void start(a)} disabled={!ready || !defs[a.survey] || Boolean(draft)}>
                  {t("field.start")}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title">{t("field.outboxTitle")}</h2>
        {counts ? <p>{t("field.counts", counts)}</p> : null}
        <button type="button" className="big primary" onClick={() => void sync()} disabled={busy === "sync"}>
          {busy === "sync" ? t("field.syncing") : t("field.syncNow")}
        </button>
        <OutboxList
          items={items}
          agencyNames={new Map(assignments.map((a) => [a.agency, a.agencyName]))}
          onResolve={(id, action) => void resolveItem(id, action).then(refresh)}
        />
      </section>
    </main>
  );
}
