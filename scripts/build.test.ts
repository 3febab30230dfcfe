/**
 * The shipped CLI runs built JavaScript and loads only what a command needs (issue #12). vitest's global setup has
 * just built out/app (scripts/test-build.mjs). The built `helm-rank` is spawned with a module-loading hook that
 * records every file it loads; esbuild's metafile (out/app/meta.json) says which sources each loaded bundle holds.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureLeaderboardZip } from '../src-main/demo/fixture-leaderboard';
import { runCli } from '../dev/testing/run-cli';
import { repositoryRoot } from '../dev/testing/shared-data';

const run = promisify(execFile);
const BIN = join(repositoryRoot, 'bin', 'helm-rank.mjs');

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; external?: boolean }[] }>;
}

/** What a light command must never load: the engine, other domains' schemas, React, the openai SDK, tsx. */
const NEVER_FOR_LIGHT_COMMANDS: readonly [string, RegExp][] = [
  // The engine; the services' download helpers and the bundle-layout helper live under src-main/engine too.
  ['the engine', /^src-main\/engine\/(?!download\/(partial-file|mirror)\.ts$|app-files\.ts$)/],
  ['the engine protocol', /^src-shared\/engine\//],
  ['zod schemas of other domains', /^src-shared\/(api\/(?!leaderboards\.ts$|channel\.ts$)|helm\/validate|rank\/)/],
  ['other services', /^src-main\/(services\/(?!leaderboards\/|data-dir\.ts$)|web\/|electron\/)/],
  ['the importer', /^src-main\/services\/leaderboards\/(importer|run-files|run-collector)\.ts$/],
  ['React', /(^|\/)node_modules\/(react|react-dom|recharts|zustand)\/|^src-renderer\//],
  ['the openai SDK', /(^|\/)node_modules\/openai\//],
  ['the downloader', /(^|\/)node_modules\/got\//],
  ['tsx', /(^|\/)node_modules\/(tsx|esbuild)\//],
];

/** `--help` loads the command list only: no service, no zod. */
const NEVER_FOR_HELP: readonly [string, RegExp][] = [
  ...NEVER_FOR_LIGHT_COMMANDS,
  ['a service', /^src-main\/services\//],
  ['zod', /(^|\/)node_modules\/zod\//],
];

const HOOKS = `
import { appendFileSync } from 'node:fs';
let log = '';
export function initialize(data) { log = data.log; }
export async function load(url, context, next) { appendFileSync(log, url + '\\n'); return next(url, context); }
`;

let dir = '';
let metafile: Metafile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-build-test-'));
  metafile = JSON.parse(await readFile(join(repositoryRoot, 'out', 'app', 'meta.json'), 'utf8')) as Metafile;
  await writeFile(join(dir, 'hooks.mjs'), HOOKS);
  await writeFile(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: process.env.LOAD_LOG } });\n`,
  );
  // A small imported board for `leaderboard show`.
  await writeFile(join(dir, 'board.zip'), buildFixtureLeaderboardZip());
  const imported = await runCli(['leaderboard', 'import', join(dir, 'board.zip'), '--name', 'fixture'], {
    HELM_RANK_HOME: join(dir, 'data'),
  });
  expect(imported.code, imported.stderr).toBe(0);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the built CLI; returns its output and the sources it loaded (through the metafile) plus external files. */
async function traced(args: readonly string[]): Promise<{ code: number; stdout: string; loaded: string[] }> {
  const log = join(dir, `loads-${args.join('-').replace(/\W+/g, '_')}.txt`);
  await writeFile(log, '');
  const { code, stdout } = await run(process.execPath, ['--import', join(dir, 'register.mjs'), BIN, ...args], {
    env: { ...process.env, LOAD_LOG: log, HELM_RANK_HOME: join(dir, 'data') },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
  );
  const urls = (await readFile(log, 'utf8')).split('\n').filter((url) => url.startsWith('file:'));
  const loaded = new Set<string>();
  for (const url of urls) {
    const path = relative(repositoryRoot, fileURLToPath(url)).split('\\').join('/');
    const output = metafile.outputs[path];
    if (output) for (const input of Object.keys(output.inputs)) loaded.add(input);
    else loaded.add(path);
  }
  return { code, stdout, loaded: [...loaded] };
}

function violations(loaded: readonly string[], rules: readonly [string, RegExp][]): string[] {
  return rules.flatMap(([what, pattern]) =>
    loaded.filter((path) => pattern.test(path)).map((path) => `${what}: ${path}`),
  );
}

describe('the built CLI (out/app)', () => {
  it('--help loads the command list only', async () => {
    const { code, stdout, loaded } = await traced(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('helm-rank leaderboard show');
    expect(loaded).toContain('bin/helm-rank.mjs');
    expect(loaded).toContain('src-main/cli/main.ts');
    expect(violations(loaded, NEVER_FOR_HELP)).toEqual([]);
  });

  it("a command's --help and a group's --help load the command list only too", async () => {
    for (const args of [
      ['run', '--help'],
      ['leaderboard', '--help'],
      ['cache', 'prune', '--help'],
    ]) {
      const { code, stdout, loaded } = await traced(args);
      expect(code, args.join(' ')).toBe(0);
      expect(stdout).toContain('helm-rank');
      expect(violations(loaded, NEVER_FOR_HELP), args.join(' ')).toEqual([]);
    }
  });

  it('leaderboard list loads neither the engine, other domains, React, openai nor tsx', async () => {
    const { stdout, loaded } = await traced(['leaderboard', 'list']);
    expect(stdout).toContain('fixture');
    expect(loaded).toContain('src-main/cli/commands/leaderboard-list.ts');
    expect(violations(loaded, NEVER_FOR_LIGHT_COMMANDS)).toEqual([]);
  });

  it('leaderboard show loads neither the engine, other domains, React, openai nor tsx', async () => {
    const { stdout, loaded } = await traced(['leaderboard', 'show', 'fixture']);
    expect(stdout).toMatch(/fixture — accuracy \(legacy mean win rate, 12 models\)/);
    expect(loaded).toContain('src-main/cli/commands/leaderboard-show.ts');
    expect(violations(loaded, NEVER_FOR_LIGHT_COMMANDS)).toEqual([]);
  });

  it('leaderboard import of a local archive loads no HTTP client (the downloader is for downloads)', async () => {
    const { code, loaded } = await traced(['leaderboard', 'import', join(dir, 'board.zip'), '--name', 'local']);
    expect(code).toBe(0);
    expect(loaded).toContain('src-main/services/leaderboards/importer.ts');
    expect(loaded.filter((path) => /node_modules\/got\/|engine\/download\/downloader\.ts$/.test(path))).toEqual([]);
  });

  it('sees what a heavy command loads (the checks above are not blind)', async () => {
    // `run` without --examples stops at a usage error, after loading its chunk (the run service, the engine host).
    const { code, loaded } = await traced(['run', '--model', 'org/m', '--base-url', 'http://127.0.0.1:9/v1']);
    expect(code).toBe(1);
    expect(violations(loaded, NEVER_FOR_LIGHT_COMMANDS).some((line) => line.startsWith('the engine:'))).toBe(true);
  });
});

describe('production entry points never load tsx', () => {
  it('bin/helm-rank.mjs imports only the build, and nothing in bin/ mentions tsx', async () => {
    const text = await readFile(BIN, 'utf8');
    expect(text).toContain('out/app/cli.js');
    for (const file of await readdir(join(repositoryRoot, 'bin')))
      expect(await readFile(join(repositoryRoot, 'bin', file), 'utf8'), file).not.toMatch(/tsx/);
  });

  it('native modules stay external: better-sqlite3 is imported by the bundles, never bundled', () => {
    const outputs = Object.values(metafile.outputs);
    expect(
      outputs
        .flatMap(({ inputs }) => Object.keys(inputs))
        .filter((input) => /node_modules\/better-sqlite3\//.test(input)),
    ).toEqual([]);
    expect(
      outputs.some(({ imports }) => imports.some((entry) => entry.external && entry.path === 'better-sqlite3')),
    ).toBe(true);
  });

  it('no bundle holds or imports tsx, and the engine, CLI, Electron main and preload come from one build', () => {
    const outputs = Object.entries(metafile.outputs);
    for (const [output, { inputs, imports }] of outputs) {
      expect(
        Object.keys(inputs).filter((input) => /node_modules\/tsx\//.test(input)),
        output,
      ).toEqual([]);
      expect(
        imports.filter((entry) => entry.external && /^tsx(\/|$)/.test(entry.path)),
        output,
      ).toEqual([]);
    }
    const entries = new Map(
      outputs.flatMap(([output, meta]) =>
        'entryPoint' in meta ? [[String((meta as { entryPoint: string }).entryPoint), output]] : [],
      ),
    );
    expect(entries.get('src-main/cli/bin.ts')).toBe('out/app/cli.js');
    expect(entries.get('src-main/engine/process/engine-main.ts')).toBe('out/app/engine.js');
    expect(entries.get('src-main/electron/main.ts')).toBe('out/app/main.js');
    expect(entries.get('src-main/electron/preload.ts')).toBe('out/app/preload.cjs');
    expect(entries.get('src-main/services/leaderboards/import-worker.ts')).toBe('out/app/import-worker.js');
    expect(entries.get('src-main/services/app-api/rank-worker.ts')).toBe('out/app/rank-worker.js');
  });

  it('tsx is a development dependency only', async () => {
    const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      main: string;
    };
    expect(manifest.dependencies.tsx).toBeUndefined();
    expect(manifest.devDependencies.tsx).toBeDefined();
    expect(manifest.main).toBe('out/app/main.js');
  });
});
