#!/usr/bin/env bash
# One-time set-up on a fresh machine: Debian's chromium (browser tests) and the npm packages.
# The Electron binary is not downloaded (our build machines cannot reach its host); see README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
ELECTRON_SKIP_BINARY_DOWNLOAD=1 NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund
