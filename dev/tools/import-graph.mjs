#!/usr/bin/env node
// The import graph between folders: for every source file, each relative import is resolved to its folder zone
// and counted. Usage: node dev/tools/import-graph.mjs [--tests]   (shipped files only unless --tests).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const includeTests = process.argv.includes('--tests');
const roots = ['src-shared', 'src-main', 'src-renderer', 'bench', 'e2e', 'scripts', 'dev'];
const isTest = (path) => /\.(test|e2e)\.tsx?$/.test(path) || /\/fixtures?\//.test(path);

/** The zone of a file: src-main/<folder>, src-renderer, src-shared, or a top-level folder. */
function zone(path) {
  const parts = relative(root, path).split('/');
  if (parts[0] === 'src-main' && parts.length > 2) return `src-main/${parts[1]}`;
  return parts[0];
}

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fidelity-fixtures') continue;
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const edges = new Map();
for (const top of roots) {
  let files;
  try {
    files = [...sources(join(root, top))];
  } catch {
    continue;
  }
  for (const file of files) {
    if (!includeTests && isTest(file)) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) {
      let target;
      if (ref.fileName.startsWith('.')) target = zone(resolve(dirname(file), ref.fileName));
      else if (ref.fileName === 'electron' || ref.fileName.startsWith('electron/')) target = 'electron (package)';
      else continue;
      const from = zone(file);
      if (from === target) continue;
      const key = `${from} -> ${target}`;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
}
for (const [key, count] of [...edges].sort(([a], [b]) => a.localeCompare(b))) console.log(`${key}  (${count})`);
