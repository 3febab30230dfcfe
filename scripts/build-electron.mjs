#!/usr/bin/env node
// Bundles the Electron main process, the preload and the engine entry with esbuild (a dependency of the
// toolchain already). The renderer is built separately by `vite build` into out/renderer.
//  - main + engine: ESM for Node, npm packages left external (electron-builder ships node_modules).
//  - preload: CommonJS with everything bundled except `electron`, because a sandboxed preload can only
//    require `electron` and a few built-ins.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  logLevel: 'info',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'src-main/electron/main.ts', engine: 'src-main/engine/process/engine-main.ts' },
    outdir: 'out/electron',
    format: 'esm',
    packages: 'external',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: { preload: 'src-main/electron/preload.ts' },
    outdir: 'out/electron',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  }),
]);
