/**
 * The CSV export with a progress line: without JavaScript the form simply downloads the file; with it,
 * the response is read as a stream and "Đang xuất: 12.000 / 200.000 phiếu (3,1 MB)" is announced in an
 * `aria-live` region (and drawn as a <progress>) against the total the server sends in `X-Total-Rows`,
 * then the file is handed to the browser. Rows are counted by line ends, so a comment holding a line
 * break makes the count run slightly ahead; it is capped at the total.
 */
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type State = { phase: "idle" } | { phase: "running" | "done"; rows: number; total: number; bytes: number } | { phase: "failed" };

const NEWLINE = 10;

export function ExportProgress({ action, hidden, children }: { action: string; hidden: Record<string, string>; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ phase: "idle" });
  const busy = useRef(false);
  const nf = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "vi-VN", { maximumFractionDigits: 1 });
  const size = (bytes: number) => (bytes < 1024 * 1024 ? `${nf.format(bytes / 1024)} KB` : `${nf.format(bytes / 1024 / 1024)} MB`);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (typeof ReadableStream === "undefined") return; // the plain download still works
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    try {
      const url = `${action}?${new URLSearchParams(new FormData(event.currentTarget) as unknown as Record<string, string>).toString()}`;
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const total = Number(response.headers.get("X-Total-Rows") ?? 0);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "phieu.csv";
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      let last = 0;
      setState({ phase: "running", rows: 0, total, bytes: 0 });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.length;
        for (let i = 0; i < value.length; i++) if (value[i] === NEWLINE) lines++;
        // A screen reader hears a new figure at most every second or so, not at every chunk.
        const now = Date.now();
        if (now - last > 800) {
          last = now;
          setState({ phase: "running", rows: Math.min(Math.max(lines - 1, 0), total), total, bytes });
        }
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: "text/csv;charset=utf-8" }));
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setState({ phase: "done", rows: total, total, bytes });
    } catch {
      setState({ phase: "failed" });
    } finally {
      busy.current = false;
    }
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} className="export-form">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" disabled={state.phase === "running"}>
        {t("report.exportStart")}
      </button>
      <div aria-live="polite" role="status" className="export-status">
        {state.phase === "running" ? (
          <>
            <progress max={state.total || 1} value={state.rows} aria-hidden="true" />{" "}
            {t("report.exportRunning", { rows: nf.format(state.rows), total: nf.format(state.total), size: size(state.bytes) })}
          </>
        ) : state.phase === "done" ? (
          t("report.exportDone", { rows: nf.format(state.rows), size: size(state.bytes) })
        ) : state.phase === "failed" ? (
          <span className="err">{t("report.exportFailed")}</span>
        ) : null}
      </div>
    </form>
  );
}
