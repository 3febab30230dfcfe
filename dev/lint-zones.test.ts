/**
 * The layer zones of eslint.config.js, proven: each forbidden import is linted as a small virtual file placed in
 * the importing folder (ESLint's Node API, the project's own config) and must fail; a few allowed imports are
 * linted the same way and must pass, so a config that rejects everything cannot pass this test.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './testing/shared-data';

/** Real files to import, one per zone (the import must resolve for the zone to be known). */
const targets = {
  shared: 'src-shared/errors.ts',
  engine: 'src-main/engine/registry.ts',
  services: 'src-main/services/data-dir.ts',
  cli: 'src-main/cli/main.ts',
  web: 'src-main/web/bridge-server.ts',
  demo: 'src-main/demo/demo.ts',
  electron: 'src-main/electron/window.ts',
  renderer: 'src-renderer/App.tsx',
  dev: 'dev/testing/shared-data.ts',
  e2e: 'e2e/harness.ts',
  bench: 'bench/index.ts',
  rendererTestHelper: 'src-renderer/test-utils.tsx',
} as const;
type Target = keyof typeof targets;

interface Case {
  /** The virtual importing file, from the repository root. */
  file: string;
  /** What it imports: a zone's file, or a package name. */
  imports: Target | { module: string };
}

const forbidden: Record<string, Case[]> = {
  'engine → cli, web, services, demo, electron and dev-only code': [
    ...(['cli', 'web', 'services', 'demo', 'electron', 'dev', 'e2e', 'bench'] as const).map((imports) => ({
      file: 'src-main/engine/runner/virtual.ts',
      imports,
    })),
  ],
  'shared → anything else': [
    ...(['engine', 'services', 'cli', 'web', 'demo', 'electron', 'renderer', 'dev'] as const).map((imports) => ({
      file: 'src-shared/api/virtual.ts',
      imports,
    })),
    { file: 'src-shared/virtual.ts', imports: { module: 'node:fs' } },
  ],
  'renderer → main': (['engine', 'services', 'cli', 'web', 'electron'] as const).map((imports) => ({
    file: 'src-renderer/steps/virtual.tsx',
    imports,
  })),
  'shipped → dev-only': [
    ...(
      ['src-main/services/runs', 'src-main/cli/commands', 'src-main/web', 'src-main/electron', 'src-main/demo'] as const
    )
      .flatMap((folder) => (['dev', 'e2e', 'bench'] as const).map((imports) => ({ folder, imports })))
      .map(({ folder, imports }) => ({ file: `${folder}/virtual.ts`, imports })),
    { file: 'src-renderer/components/virtual.tsx', imports: 'rendererTestHelper' },
  ],
  'only electron/ imports electron': [
    { file: 'src-main/services/virtual.ts', imports: { module: 'electron' } },
    { file: 'src-main/engine/virtual.ts', imports: { module: 'electron' } },
    { file: 'src-renderer/virtual.tsx', imports: { module: 'electron' } },
  ],
};

const allowed: Case[] = [
  { file: 'src-main/engine/runner/virtual.ts', imports: 'shared' },
  { file: 'src-main/services/virtual.ts', imports: 'engine' },
  { file: 'src-main/electron/virtual.ts', imports: 'services' },
  { file: 'src-main/electron/virtual.ts', imports: { module: 'electron' } },
  { file: 'src-main/cli/commands/virtual.ts', imports: 'web' },
  { file: 'src-renderer/steps/virtual.tsx', imports: 'shared' },
  { file: 'src-main/engine/runner/virtual.test.ts', imports: 'dev' },
  { file: 'src-renderer/components/virtual.test.tsx', imports: 'rendererTestHelper' },
  { file: 'e2e/virtual.ts', imports: 'cli' },
];

let eslint: ESLint;

function source(testCase: Case): string {
  if (typeof testCase.imports === 'object') return `import * as imported from '${testCase.imports.module}';\n`;
  let specifier = relative(join(repositoryRoot, testCase.file, '..'), join(repositoryRoot, targets[testCase.imports]));
  if (!specifier.startsWith('.')) specifier = `./${specifier}`;
  return `import * as imported from '${specifier.replace(/\.tsx?$/, '')}';\n`;
}

/** The lint rules that fired on the virtual file (parsing errors would show as a null rule id). */
async function firedRules(testCase: Case): Promise<(string | null)[]> {
  const code = `${source(testCase)}export const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(repositoryRoot, testCase.file) });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

const layerRules = ['boundaries/dependencies', 'no-restricted-imports'];
const describeCase = (testCase: Case): string =>
  `${testCase.file} imports ${typeof testCase.imports === 'object' ? testCase.imports.module : targets[testCase.imports]}`;

describe('layer zones (eslint.config.js)', () => {
  beforeAll(() => {
    for (const path of Object.values(targets)) expect(existsSync(join(repositoryRoot, path)), path).toBe(true);
    eslint = new ESLint({ cwd: repositoryRoot });
  });

  for (const [rule, cases] of Object.entries(forbidden)) {
    it(`forbids ${rule}`, async () => {
      for (const testCase of cases) {
        const fired = await firedRules(testCase);
        expect(
          fired.some((id) => id !== null && layerRules.includes(id)),
          `${describeCase(testCase)} should fail lint`,
        ).toBe(true);
      }
    });
  }

  it('allows the imports the layers permit', async () => {
    for (const testCase of allowed) {
      expect(await firedRules(testCase), `${describeCase(testCase)} should pass lint`).toEqual([]);
    }
  });
});
