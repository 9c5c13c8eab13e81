/**
 * The kiosk tablet: pairing when the tablet has no device record, then one rating after another. The
 * configuration is kept on the tablet (device record), so a reload without network still works; ratings go
 * to the shared outbox and sync in the background. Cool-down and daily cap are checked here before a
 * citizen starts (docs/decisions/0010-kiosk.md); the server re-checks the cap.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  getDevice,
  listOutbox,
  onOutboxChange,
  outboxCounts,
  registerServiceWorker,
  requestPersistentStorage,
  resolveItem,
  startAutoSync,
} from "~/offline";
import type { DeviceRecord, OfflineReadiness, OutboxItem, SyncReport } from "~/offline";

import { appVersion, checkPin, extraOf, fetchConfig, pair, ratedTimes, saveDetails, saveVote, syncInBackground, updateExtra } from "./client";
import { checkLimits, type LimitVerdict } from "./limits";
import { RatingFlow } from "./RatingFlow";
import { StaffPanel } from "./StaffPanel";
import type { KioskConfig, KioskOfficer } from "./types";

type Phase = "loading" | "pairing" | "ready";

export function KioskApp() {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT("vi");
  const [phase, setPhase] = useState<Phase>("loading");
  const [device, setDevice] = useState<DeviceRecord | null>(null);
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [officerId, setOfficerId] = useState<number | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [round, setRound] = useState(0);
  const [times, setTimes] = useState<number[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const [counts, setCounts] = useState({ pending: 0, attention: 0 });
  const [attention, setAttention] = useState<OutboxItem[]>([]);
  const [online, setOnline] = useState(true);
  const [staffOpen, setStaffOpen] = useState(false);
  // Whether the kiosk would open again without a network (null while the worker is being prepared).
  const [offlineReady, setOfflineReady] = useState<OfflineReadiness | null>(null);

  const onReport = useCallback((r: SyncReport) => {
    if (r.revoked) setRevoked(true);
  }, []);

  const start = useCallback(async (d: DeviceRecord) => {
    setDevice(d);
    const extra = extraOf(d);
    if (extra.config) setConfig(extra.config);
    setOfficerId(extra.officerId ?? null);
    setPhase("ready");
    const fresh = await fetchConfig(d);
    if (fresh.kind === "ok") setConfig(fresh.config);
    if (fresh.kind === "revoked") setRevoked(true);
  }, []);

  // Start: the device record decides between pairing and rating.
  useEffect(() => {
    void registerServiceWorker().then(setOfflineReady);
    void requestPersistentStorage();
    void getDevice().then((d) => (d && d.kind === "kiosk" ? start(d) : setPhase("pairing")));
  }, [start]);

  // Background sync, the outbox's counts and the clock (cool-down countdown) while ready.
  useEffect(() => {
    if (phase !== "ready") return;
    const stop = startAutoSync({ appVersion: appVersion(), onReport });
    const refresh = async () => {
      const c = await outboxCounts();
      setCounts({ pending: c.pending + c.sent, attention: c.attention });
      const items = await listOutbox();
      // Set-aside ratings stay listed (greyed) with the open ones: nothing a citizen gave disappears from view.
      setAttention(items.filter((i) => (i.state === "attention" || i.state === "dismissed") && i.body.channel === "kiosk"));
      setTimes(await ratedTimes());
    };
    void refresh();
    const unsubscribe = onOutboxChange(() => void refresh());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const net = () => setOnline(navigator.onLine);
    net();
    window.addEventListener("online", net);
    window.addEventListener("offline", net);
    return () => {
      stop();
      unsubscribe();
      clearInterval(tick);
      window.removeEventListener("online", net);
      window.removeEventListener("offline", net);
    };
  }, [phase, onReport]);

  const nextCitizen = useCallback(() => setRound((r) => r + 1), []);

  if (phase === "loading") return <p className="kiosk-loading">{t("kiosk.loading")}</p>;
  if (phase === "pairing")
    return (
      <main>
        <PairingForm onPaired={(d) => void start(d).then(() => setRevoked(false))} />
      </main>
    );
  if (!config || !device) {
    // Paired, but the configuration never reached this tablet (no network since pairing).
    return <p className="kiosk-loading">{revoked ? t("kiosk.revoked") : t("kiosk.loading")}</p>;
  }

  const officer = config.officers.find((o) => o.id === officerId) ?? null;
  const verdict: LimitVerdict = checkLimits(config.limits, times, now);
  const blocked = verdict.ok
    ? null
    : (tt: (key: string, params?: Record<string, unknown>) => string) =>
        verdict.reason === "cooldown" ? tt("kiosk.cooldown", { seconds: verdict.waitSeconds }) : tt("kiosk.dailyCap", { cap: verdict.cap });

  async function chooseOfficer(o: KioskOfficer, pin: string | null): Promise<string | null> {
    if (o.hasPin) {
      const ok = await checkPin(device!, o.id, pin ?? "");
      if (ok === null) return t("kiosk.pinOffline");
      if (ok === "locked") return t("kiosk.pinLocked");
      if (!ok) return t("kiosk.pinWrong");
    }
    await updateExtra({ officerId: o.id });
    setOfficerId(o.id);
    return null;
  }

  async function resolve(id: string, action: "retry" | "dismiss") {
    await resolveItem(id, action);
    // Sync reads the device record when it runs: a retried rating goes out with the key of the latest pairing.
    if (action === "retry") syncInBackground(onReport);
  }

  return (
    <div className="kiosk">
      {/* The screen's main landmark: the faces and details (or the re-pairing form); the footer is the staff's. */}
      <main className="kiosk-main">
        {revoked ? (
          <div className="kiosk-revoked" role="alert">
            <p>{t("kiosk.revoked")}</p>
            <PairingForm onPaired={(d) => void start(d).then(() => setRevoked(false))} />
          </div>
        ) : (
          <RatingFlow
            key={round}
            config={config}
            officerName={officer}
            blocked={blocked}
            onVote={async (rating) => {
              const result = await saveVote(config, officer?.id ?? null, rating);
              if (result.ok) {
                setTimes(await ratedTimes());
                syncInBackground(onReport);
              }
              return result;
            }}
            onDetails={async (vote, rating) => {
              const result = await saveDetails(config, vote, rating);
              if (result.ok) syncInBackground(onReport);
              return result;
            }}
            onDone={nextCitizen}
          />
        )}
      </main>
      <footer className="kiosk-foot" lang="vi" data-offline-ready={offlineReady ?? "checking"}>
        {!online ? <span role="status">{t("kiosk.statusOffline")}</span> : null}
        {/* For the counter staff: a tablet that could not keep its page would show nothing after a power cut offline. */}
        {offlineReady === "notReady" || offlineReady === "unsupported" ? <strong>{t("kiosk.statusNotReadyOffline")}</strong> : null}
        <span>{t("kiosk.statusPending", { count: counts.pending })}</span>
        {counts.attention ? <strong>{t("kiosk.statusAttention", { count: counts.attention })}</strong> : null}
        <button type="button" className="kiosk-staff-button" onClick={() => setStaffOpen(true)}>
          {t("kiosk.staff")}
        </button>
      </footer>
      {staffOpen ? (
        <StaffPanel
          officers={config.officers}
          onDutyId={officerId}
          attention={attention}
          onChoose={chooseOfficer}
          onResolve={resolve}
          onClose={() => setStaffOpen(false)}
        />
      ) : null}
    </div>
  );
}

function PairingForm({ onPaired }: { onPaired: (d: DeviceRecord) => void }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT("vi");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = useCallback(
    async (value: string) => {
      setBusy(true);
      setMessage(null);
      const result = await pair(value);
      setBusy(false);
      if (result.ok) {
        // The code is spent: take it out of the address bar so a reload does not try it again.
        if (window.location.search) window.history.replaceState(null, "", window.location.pathname);
        onPaired(result.device);
      } else setMessage(result.message ?? t("kiosk.pairOffline"));
    },
    [onPaired, t],
  );

  // A QR code from the admin screen carries the code: pair at once, and only once (`submit` changes with every
  // render of the parent, and a second try while the first is in flight would spend a used code: a 400).
  const qrTried = useRef(false);
  useEffect(() => {
    const fromQr = new URLSearchParams(window.location.search).get("ma");
    if (fromQr && !qrTried.current) {
      qrTried.current = true;
      setCode(fromQr);
      void submit(fromQr);
    }
  }, [submit]);

  return (
    // Inside the page's main landmark (alone, or under the revoked notice of the rating screen's).
    <div className="kiosk-pairing">
      <h1>{t("kiosk.pairTitle")}</h1>
      <p>{t("kiosk.pairIntro")}</p>
      <form
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(code);
        }}
      >
        <label>
          {t("kiosk.pairCode")}{" "}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={16}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? t("kiosk.pairing") : t("kiosk.pairSubmit")}
        </button>
      </form>
      {message ? (
        <p className="kiosk-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
