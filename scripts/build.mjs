#!/usr/bin/env node
/**
 * The project's one build: every bundle the app runs, in out/.
 *  - out/app/ (esbuild): the Node side as ESM, code-split, every entry and chunk in this one folder (src-main/engine/
 *    app-files.ts finds entries next to itself):
 *      cli.js      the `helm-rank` CLI (bin/helm-rank.mjs runs it); each command is its own chunk, loaded on demand
 *      engine.js   the engine process: forked by the CLI and the web bridge, a utilityProcess in the desktop app
 *      import-worker.js  a worker thread of leaderboard imports (inflate + parse on every core)
 *      rank-worker.js    the app's rank worker thread: ranking and calibration off the serving thread
 *      main.js     the Electron main process (package.json "main")
 *      preload.cjs the Electron preload, CommonJS with everything inlined (a sandboxed preload can only require
 *                  `electron`)
 *      meta.json   esbuild's metafile of all of the above: which sources each output holds (the load tests read it)
 *    Pure-JS npm packages are bundled: loading zod alone from node_modules as ESM costs more than the whole
 *    `leaderboard list` command from one file. Native modules, `electron` and electron-store stay external
 *    (electron-builder ships production node_modules).
 *  - out/renderer/ (vite): the React app, for the desktop window and browser mode.
 *
 * Usage: node scripts/build.mjs [--no-renderer]     (npm run build; scripts/setup.sh runs it)
 */
import { build } from 'esbuild';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const APP_DIR = join(root, 'out', 'app');

/** The Node-side entries: bundle name → source. Keep in step with the entryFile() calls in src-main. */
export const APP_ENTRIES = {
  cli: 'src-main/cli/bin.ts',
  engine: 'src-main/engine/process/engine-main.ts',
  'import-worker': 'src-main/services/leaderboards/import-worker.ts',
  'rank-worker': 'src-main/services/app-api/rank-worker.ts',
  main: 'src-main/electron/main.ts',
};

/** Never bundled: native code, Electron itself, and packages that resolve files next to themselves at run time. */
export const EXTERNAL = [
  'electron',
  'electron/*',
  'electron-store',
  'better-sqlite3',
  'node-llama-cpp',
  'node-llama-cpp/*',
];

/**
 * Bundled CommonJS packages call `require` for Node built-ins; ESM has none, so each output file gets one.
 * (A separate name, so a bundled package's own top-level `require` cannot collide with it.)
 */
const REQUIRE_SHIM =
  "import { createRequire as __helmRankCreateRequire } from 'node:module';\n" +
  'const require = __helmRankCreateRequire(import.meta.url);';

const COMMON = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * Builds out/app/ (or `outdir`) and returns esbuild's metafile of the ESM part (meta.json has the preload's too). Files are overwritten in place
 * and stale ones removed afterwards, so a CLI already running from the folder keeps finding its chunks.
 */
export async function buildApp({ outdir = APP_DIR, entries = APP_ENTRIES } = {}) {
  await mkdir(outdir, { recursive: true });
  const [esm, preload] = await Promise.all([
    build({
      ...COMMON,
      entryPoints: entries,
      outdir,
      format: 'esm',
      splitting: true,
      chunkNames: 'chunk-[hash]',
      external: EXTERNAL,
      banner: { js: REQUIRE_SHIM },
      metafile: true,
    }),
    build({
      ...COMMON,
      entryPoints: { preload: 'src-main/electron/preload.ts' },
      outdir,
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      external: ['electron'],
      metafile: true,
    }),
  ]);
  // One metafile for every output of this build, the CommonJS preload included (the load tests read it).
  const metafile = {
    inputs: { ...preload.metafile.inputs, ...esm.metafile.inputs },
    outputs: { ...esm.metafile.outputs, ...preload.metafile.outputs },
  };
  await writeFile(join(outdir, 'meta.json'), JSON.stringify(metafile));
  await removeStale(outdir, [...Object.keys(esm.metafile.outputs), ...Object.keys(preload.metafile.outputs)]);
  return esm.metafile;
}

/** Deletes what an earlier build left in `outdir` (chunks are named by content hash). */
async function removeStale(outdir, outputs) {
  const fresh = new Set(outputs.map((output) => join(root, output)));
  fresh.add(join(outdir, 'meta.json'));
  for (const file of await readdir(outdir)) {
    const path = join(outdir, file);
    if (!fresh.has(path)) await rm(path, { recursive: true, force: true });
  }
}

/** Builds the renderer into out/renderer/ with the project's vite config. */
export async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await buildApp();
  const files = (await readdir(APP_DIR)).filter((file) => file.endsWith('.js') || file.endsWith('.cjs'));
  console.log(`out/app: ${files.length} files (${Object.keys(APP_ENTRIES).join(', ')}, preload + chunks)`);
  if (!process.argv.includes('--no-renderer')) {
    await buildRenderer();
    console.log('out/renderer: built');
  }
  console.log(`build done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
