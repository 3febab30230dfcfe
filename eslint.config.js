import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

// Layering is a lint rule, not a hope (STYLE.md): each folder may import only the layers below it. Zones are
// folders from the repository root; eslint-plugin-boundaries resolves every relative import (static, dynamic,
// re-export) to its file and checks the two zones, so no relative path can sneak past. dev/lint-zones.test.ts
// proves each forbidden import fails.

/** The zones of the code, by folder from the repository root. Every file of the project falls in one. */
const zones = {
  shared: 'src-shared',
  engine: 'src-main/engine',
  services: 'src-main/services',
  cli: 'src-main/cli',
  web: 'src-main/web',
  demo: 'src-main/demo',
  electron: 'src-main/electron',
  renderer: 'src-renderer',
  resources: 'resources',
  // Dev-only: test helpers and servers, end-to-end tests, benchmarks, tools. Never shipped, never imported by
  // shipped code; they may import anything.
  dev: ['dev', 'e2e', 'bench'],
};
const rendererDevFiles = ['src-renderer/test-utils.tsx', 'src-renderer/api/fake-api.ts', 'src-renderer/bench/**'];
/** What each zone's shipped files may import (its own zone is always allowed). */
const allowedImports = {
  shared: [],
  engine: ['shared'],
  services: ['shared', 'engine', 'resources'],
  web: ['shared', 'services'],
  // The demo drives the real CLI commands; the CLI registers the demo's commands (loaded lazily).
  cli: ['shared', 'engine', 'services', 'web', 'demo'],
  demo: ['shared', 'engine', 'services', 'cli'],
  electron: ['shared', 'engine', 'services'],
  renderer: ['shared'],
  resources: [],
  dev: Object.keys(zones),
};
/** Tests also use the dev-only helpers and the demo's fixture writers and servers. */
const testExtras = ['dev', 'demo'];
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];

const zonePolicies = (extras) =>
  Object.entries(allowedImports).map(([zone, allowed]) => ({
    from: { element: { type: zone } },
    allow: { to: { element: { types: { anyOf: [...new Set([zone, ...allowed, ...extras])] } } } },
  }));
const zoneRule = (extras) => [
  'error',
  {
    default: 'disallow',
    message: 'A {{from.type}} file may not import {{to.type}} (see the zones in eslint.config.js and the README).',
    checkInternals: true,
    policies: [
      ...zonePolicies(extras),
      ...(extras.includes('dev')
        ? []
        : [
            {
              disallow: { to: { file: { categories: 'dev-only' } } },
              message: 'Shipped code may not import dev-only code (test helpers, benchmark pages).',
            },
          ]),
    ],
  },
];
const layerZones = [
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.entries(zones).flatMap(([type, folders]) =>
        [folders].flat().map((folder) => ({ type, pattern: folder, partialMatch: false })),
      ),
      'boundaries/include': Object.values(zones)
        .flat()
        .map((folder) => `${folder}/**`),
      // The renderer's test helpers and chart benchmark page are dev-only too (they live beside the components).
      'boundaries/files': [{ category: 'dev-only', pattern: rendererDevFiles }],
      'boundaries/root-path': import.meta.dirname,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': zoneRule([]),
      // Every relative import must land in a known zone.
      'boundaries/no-unknown-dependencies': 'error',
    },
  },
  { files: [...testFiles, ...rendererDevFiles], rules: { 'boundaries/dependencies': zoneRule(testExtras) } },
];

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'stream',
  'stream/*',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'events',
  'readline',
];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: restrict(
      ['electron', 'electron/*', ...nodeBuiltins, 'react', 'react-dom'],
      'src-shared is pure TypeScript: no electron, Node built-ins, DOM or React.',
    ),
  },
  {
    files: ['src-main/**/*.ts', 'dev/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: restrict(['electron', 'electron/*'], 'Only src-main/electron/ may import electron.'),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['electron', 'electron/*', ...nodeBuiltins],
      'The renderer talks only through src-renderer/api: no electron or Node imports.',
    ),
  },
  // Folders import each other only as the zones below allow (boundaries resolves every relative import to a file
  // and checks the file's zone, so no relative path can sneak past).
  ...layerZones,
);
