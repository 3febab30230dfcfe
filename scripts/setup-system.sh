#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the Playwright e2e tests (never `npx playwright install`).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium
