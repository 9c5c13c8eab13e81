// One JSON line per request for scripts/server.mjs: what an operator needs to see load, errors and slowness,
// and nothing about the person — no address, no user agent, no query string, no body, no cookie. Paths are
// redacted: a counter's QR token (/q/<token>) and any long random-looking segment (keys, pairing or
// download tokens of later routes) become ":token", so a log file cannot be used to post ratings.

const TOKENISH = /^[A-Za-z0-9_-]{20,}$/;

/** The path without query string, with secrets replaced; safe to keep in logs. */
export function redactPath(path) {
  const bare = String(path).split("?")[0].split("#")[0];
  const parts = bare.split("/").map((segment, i, all) => {
    if (i === 2 && all[1] === "q" && segment) return ":token";
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // A malformed escape is not a token; keep the raw segment.
    }
    return TOKENISH.test(decoded) ? ":token" : segment;
  });
  // A path is at most a few hundred characters in a log line, whatever was requested.
  return parts.join("/").slice(0, 200);
}

/** The log line of one finished request. */
export function logLine({ method, path, status, ms, bytes, now = new Date() }) {
  return JSON.stringify({
    t: now.toISOString(),
    method,
    path: redactPath(path),
    status,
    ms: Math.round(ms * 10) / 10,
    bytes,
  });
}

/**
 * Express middleware writing logLine() to `out` when a response finishes. Install it before compression so
 * that `bytes` counts what went on the wire (the compressed body; headers excluded).
 */
export function requestLog(out = process.stdout) {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    let bytes = 0;
    const count = (chunk, encoding) => {
      if (chunk && typeof chunk !== "function") bytes += Buffer.byteLength(chunk, typeof encoding === "string" ? encoding : undefined);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (chunk, encoding, cb) {
      count(chunk, encoding);
      return write.call(this, chunk, encoding, cb);
    };
    res.end = function (chunk, encoding, cb) {
      count(chunk, encoding);
      return end.call(this, chunk, encoding, cb);
    };
    const done = (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      out.write(`${logLine({ method: req.method, path: req.originalUrl ?? req.url, status, ms, bytes })}\n`);
    };
    res.once("finish", () => done(res.statusCode));
    // A client that goes away before the answer is logged too (status 499, as nginx does).
    res.once("close", () => {
      if (!res.writableFinished) done(499);
    });
    next();
  };
}
