#!/usr/bin/env node
// The helm-rank CLI: runs the built bundle out/app/cli.js (`npm run build`; `bash scripts/setup.sh` builds too).
// To run the TypeScript sources instead while developing: `npm run dev -- <command> …`.
import { existsSync } from 'node:fs';

const cli = new URL('../out/app/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'helm-rank: the app is not built yet (out/app/cli.js is missing).\n' +
      '  hint: run `npm run build` (or `bash scripts/setup.sh`) in the checkout, then try again.',
  );
  process.exit(1);
}
await import(cli.href);
