/**
 * `npm run bench [filter]`: runs every `bench/*.bench.ts` default export in turn (alphabetical), printing a header
 * per file. With a filter, only files whose name contains it. Exits non-zero when a benchmark throws.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Benchmark = () => Promise<void>;

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = (await readdir(here)).filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter))).sort();
if (files.length === 0) console.log(filter ? `No benchmark matches '${filter}'.` : 'No benchmarks.');
let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { default?: Benchmark };
    if (typeof module.default !== 'function') throw new Error(`${file} has no default export function`);
    await module.default();
    console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures += 1;
    console.error(`${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
