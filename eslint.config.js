import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layering is a lint rule, not a hope (STYLE.md): each folder may import only the layers below it.
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
      ['electron', ...nodeBuiltins, 'react', 'react-dom', '**/src-main/**', '**/src-renderer/**'],
      'src-shared is pure TypeScript: no electron, Node built-ins, DOM, React or other layers.',
    ),
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        '**/src-renderer/**',
        '../services/**',
        '../../services/**',
        '../cli/**',
        '../web/**',
        '../electron/**',
      ],
      'The engine is pure Node: it may import src-shared and node:* only.',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/engine/**'],
    rules: restrict(
      ['electron', 'electron/*', '**/src-renderer/**'],
      'Only src-main/electron/ may import electron; src-main never imports the renderer.',
    ),
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: restrict(['**/src-renderer/**'], 'The Electron layer never imports the renderer.'),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['electron', 'electron/*', ...nodeBuiltins, '**/src-main/**'],
      'The renderer talks only through src-renderer/api: no electron, Node or src-main imports.',
    ),
  },
);
