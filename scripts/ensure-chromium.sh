#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (Playwright must never download a browser), and the report's
# PDF is printed by it in Tinos (fonts-croscore: Times metrics, every Vietnamese letter). Installs what is
# missing when we may (root, or passwordless sudo); otherwise says what to run.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$browser" ] || missing+=(chromium)
fc-list -q Tinos 2>/dev/null || missing+=(fonts-croscore)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Chưa có ${missing[*]}: đang cài từ Debian…" >&2
if [ "$(id -u)" = 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Hãy cài rồi chạy lại: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
[ -x "$browser" ] || { echo "Không tìm thấy $browser sau khi cài." >&2; exit 1; }
fc-list -q Tinos || { echo "Không tìm thấy phông Tinos sau khi cài fonts-croscore." >&2; exit 1; }
