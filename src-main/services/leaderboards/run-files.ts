/**
 * Reads the two files per run the leaderboard needs — `run_spec.json` and `stats.json`, the only files
 * `helm-summarize` reads for the tables — as text: from an unpacked `benchmark_output/runs/<suite>/` folder, or from a
 * zip archive in this thread (the importer reads archives on every core instead: ./zip-import.ts; both go through
 * the same checks of ./zip-entries.ts). Any prefix before `<suite>/<run name>/` is accepted. The files read count
 * against the import budget (./import-budget.ts): per file and in all, checked on the declared sizes before
 * anything is inflated.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ByteBudget, DEFAULT_IMPORT_BUDGET } from './import-budget';
import type { ImportBudget } from './import-budget';
import { cancelled } from './archive-errors';
import { zipRunBatches } from './zip-entries';
import { inflateEntry } from './zip-inflate';

/** One file of one run. */
export interface RunFile {
  /** Path of the run directory inside the source, e.g. `benchmark_output/runs/v0.3.0/boolq:model=…`. */
  readonly directory: string;
  readonly kind: 'run_spec' | 'stats';
  readonly text: string;
}

export type RunFileSink = (file: RunFile) => void;

const WANTED: Readonly<Record<string, RunFile['kind']>> = { 'run_spec.json': 'run_spec', 'stats.json': 'stats' };

/** Streams the wanted files of a zip archive into `sink`, as text, in archive order. */
export async function readZipRunFiles(
  path: string,
  sink: RunFileSink,
  signal?: AbortSignal,
  budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
): Promise<{ entries: number }> {
  let entries = 0;
  for await (const batch of zipRunBatches(path, { signal, budget })) {
    const bytes = Buffer.from(batch.buffer);
    for (const entry of batch.entries) {
      const data = inflateEntry(
        entry,
        bytes.subarray(entry.offset, entry.offset + entry.length),
        budget.fileBytes,
        path,
      );
      entries += 1;
      sink({ directory: entry.directory, kind: entry.kind, text: data.toString('utf8') });
    }
  }
  return { entries };
}

/**
 * Reads the wanted files of an unpacked runs folder: `root` may be `benchmark_output`, `…/runs`, `…/runs/<suite>`
 * or a single run directory; run directories are found up to three levels down. Symlinks are not followed.
 */
export async function readFolderRunFiles(
  root: string,
  sink: RunFileSink,
  signal?: AbortSignal,
  budget: ImportBudget = DEFAULT_IMPORT_BUDGET,
): Promise<{ entries: number }> {
  const bytes = new ByteBudget(budget, root);
  let entries = 0;
  const visit = async (directory: string, relative: string, depth: number): Promise<void> => {
    if (signal?.aborted) throw cancelled();
    const items = await readdir(directory, { withFileTypes: true });
    const names = new Set(items.filter((item) => item.isFile()).map((item) => item.name));
    if (names.has('run_spec.json')) {
      for (const [file, kind] of Object.entries(WANTED)) {
        if (!names.has(file)) continue;
        const path = join(directory, file);
        bytes.add(relative ? `${relative}/${file}` : file, (await stat(path)).size);
        entries += 1;
        sink({ directory: relative || basename(directory), kind, text: await readFile(path, 'utf8') });
      }
      return;
    }
    if (depth >= 4) return;
    for (const item of items) {
      if (item.isDirectory())
        await visit(join(directory, item.name), relative ? `${relative}/${item.name}` : item.name, depth + 1);
    }
  };
  await visit(root, '', 0);
  return { entries };
}
