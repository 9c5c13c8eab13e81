// The production server: express around the Remix build, with compression, static assets, security
// headers, one JSON log line per request and a graceful shutdown. Listens only after `boot()` has opened,
// migrated and (when empty) seeded the database, so a broken definition stops the start, not a citizen.
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { createRequestHandler } from "./remix-handler.mjs";
import { requestLog } from "./request-log.mjs";

const root = process.env.SIPAS_ROOT ?? process.cwd();
const buildDir = path.resolve(root, process.env.SIPAS_BUILD_DIR ?? "build");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
const services = build.entry.module.boot();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");
// Before compression, so that the logged byte count is what went on the wire.
app.use(requestLog());
app.use(compression());

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  // Documents get their Content-Security-Policy (with a nonce) from app/entry.server.tsx.
  res.setHeader("X-Frame-Options", "DENY");
  next();
});

// One origin check before Remix (app/security/origin.server.ts): a changing request from a page of another
// origin, or with `Origin: null`, gets a Vietnamese 403 page (Remix's own check would throw: a 500), and a
// `Host` the adapter cannot build a URL from a 400. X-Forwarded-Host is never trusted (the proxy passes
// Host, docs/operations.md): removed here, it moves neither the comparison nor the request's URL.
const { frontDoorRefusal } = build.entry.module;
app.use((req, res, next) => {
  delete req.headers["x-forwarded-host"];
  const refusal = frontDoorRefusal({
    method: req.method,
    path: req.path,
    origin: req.headers.origin,
    host: req.headers.host,
    cookie: req.headers.cookie,
  });
  if (!refusal) return next();
  res.status(refusal.status).set(refusal.headers).send(refusal.body);
});

// Pages take HTML forms. A body of another type (JSON, text, multipart without its boundary) would make the
// route's request.formData() throw: a 500 for a hand-made request. Refused here in Vietnamese instead. The API
// reads JSON itself, and the citizen's page (/q/…) answers such bodies with the page and a message.
const FORM_BODY = /^(application\/x-www-form-urlencoded|multipart\/form-data;.*\bboundary=)/i;
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || /^\/(api|q)\//.test(req.path)) return next();
  if (FORM_BODY.test(req.headers["content-type"] ?? "")) return next();
  res.status(415).type("text/plain; charset=utf-8").send("Nội dung gửi lên không phải một biểu mẫu. Xin tải lại trang và thử lại.");
});

app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
// The client address reaches loaders and actions for sign-in throttling and rate limits.
app.all("*", createRequestHandler({ build, getLoadContext: (req) => ({ clientAddress: req.ip ?? "" }) }));

const { PORT: port, HOST: host } = services.env;
const server = app.listen(port, host, () => {
  const listening = server.address().port;
  console.log(`SIPAS đang chạy (${host}:${listening}).`);
  // Beside the database, for `npm run sipas -- links` (app/addresses/addresses.server.ts).
  build.entry.module.recordListenAddress(services.env, listening);
  for (const line of build.entry.module.startupLines(listening)) console.log(line);
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`Nhận ${signal}: dừng nhận kết nối mới, hoàn tất các yêu cầu đang xử lý…`);
  server.close(() => {
    build.entry.module.shutdown();
    process.exit(0);
  });
  // A keep-alive connection becomes idle once its in-flight request is answered: close it then, so that
  // `close` completes as soon as the last request has been written (and stored), not at the client's leisure.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 50).unref();
  // Requests still running after 10 s are abandoned; SQLite's WAL keeps every committed write.
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
