#!/usr/bin/env node
// The helm-rank CLI, run straight from the TypeScript sources through tsx, so `npx helm-rank …` works after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
