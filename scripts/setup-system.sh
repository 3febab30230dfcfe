#!/usr/bin/env bash
# Debian packages the tests and benchmarks need: Chromium for the Playwright e2e tests (never `npx playwright
# install`), and unzip, the baseline of the import benchmark (`npm run bench import`).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${missing[@]}"
