#!/usr/bin/env bash
# The national hub's tests start a throw-away PostgreSQL cluster of their own from Debian's `postgresql`
# package (binaries in /usr/lib/postgresql/<version>/bin; no service is used). Installs it when missing and
# we may (root, or passwordless sudo); otherwise says what to run.
set -euo pipefail
if [ -n "${PG_BIN:-}" ] || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then exit 0; fi
echo "Chưa có PostgreSQL: đang cài gói postgresql từ Debian…" >&2
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
else
  echo "Hãy cài rồi chạy lại: sudo apt-get install -y postgresql" >&2
  exit 1
fi
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || { echo "Không tìm thấy pg_ctl trong /usr/lib/postgresql/*/bin sau khi cài." >&2; exit 1; }
