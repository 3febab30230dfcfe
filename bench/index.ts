/**
 * `npm run bench [filter]`: runs every `bench/*.bench.ts` default export in turn (alphabetical), printing a header
 * per file. With a filter, only files whose name contains it. Exits non-zero when a benchmark throws.
 *
 * Each file runs in a fresh Node process: peak-memory figures (RSS is a process high-water mark, and V8 keeps
 * freed heap) would otherwise include whatever the benchmarks before it allocated.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Benchmark = () => Promise<void>;

const here = dirname(fileURLToPath(import.meta.url));
const [first, second] = process.argv.slice(2);

if (first === '--one' && second) {
  // Child mode: run one benchmark file in this process.
  const module = (await import(pathToFileURL(join(here, second)).href)) as { default?: Benchmark };
  if (typeof module.default !== 'function') throw new Error(`${second} has no default export function`);
  await module.default();
} else {
  const files = (await readdir(here))
    .filter((file) => file.endsWith('.bench.ts') && (!first || file.includes(first)))
    .sort();
  if (files.length === 0) console.log(first ? `No benchmark matches '${first}'.` : 'No benchmarks.');
  let failures = 0;
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const started = performance.now();
    const code = await runInChild(file);
    if (code === 0) console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    else {
      failures += 1;
      console.error(`${file} failed (exit ${code})`);
    }
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

function runInChild(file: string): Promise<number> {
  // The same Node flags as this process (`--import tsx`, from `npm run bench`).
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, join(here, 'index.ts'), '--one', file], {
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}
