#!/usr/bin/env bash
# Installs the Debian packages named as arguments when run as root with apt-get; otherwise says
# what to install. The Makefile names them: Voikko for Finnish word forms (libvoikko1,
# voikko-fi), FreeDict's Finnish-English dictionary for ESCO matching (dict-freedict-fin-eng),
# and for the browser tests Debian's Chromium, which Playwright drives (Playwright's own
# browser download is not used), and PostgreSQL, which the store tests start
# on loopback themselves (as the `postgres` user when run as root).
set -euo pipefail
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Oppi needs these system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
