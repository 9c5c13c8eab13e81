#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright must never download a browser).
# Installs it when missing and we may (root, or passwordless sudo); otherwise says what to run.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then exit 0; fi
echo "Chưa có Chromium ($browser): đang cài gói chromium của Debian…" >&2
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Hãy cài Chromium rồi chạy lại: sudo apt-get install -y chromium" >&2
  exit 1
fi
[ -x "$browser" ] || { echo "Không tìm thấy $browser sau khi cài." >&2; exit 1; }
