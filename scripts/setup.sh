#!/usr/bin/env bash
# One-time set-up on a fresh machine: Debian's chromium (browser tests), the npm packages, node-llama-cpp, and the
# build (out/app: the CLI, engine and Electron bundles; out/renderer: the app's pages), which `npx helm-rank` runs.
# - The Electron binary is not downloaded (our build machines cannot reach its host); see README.
# - node-llama-cpp (the real tiny model behind the demo and the e2e tests) is a dev-only extra installed
#   without saving: its optional per-platform binaries are not all served by every registry, which would
#   make package-lock.json unusable for `npm ci` on machines that lack them. It is never bundled in the app.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_LLAMA_CPP_VERSION=3.22.1
bash scripts/setup-system.sh
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 NODE_LLAMA_CPP_SKIP_DOWNLOAD=true
npm ci --no-audit --no-fund
# The request cache's SQLite binding is compiled by npm ci (node-gyp; allowed by `allowScripts` in package.json,
# which npm 11 requires for install scripts): fail here, clearly, if it did not build.
node -e "new (require('better-sqlite3'))(':memory:').close()" || {
  echo 'setup: better-sqlite3 did not build (needs python3, make and g++ with Node headers); see the npm ci output above.' >&2
  exit 1
}
npm install --no-save --no-audit --no-fund "node-llama-cpp@${NODE_LLAMA_CPP_VERSION}"
npm run --silent build
