/**
 * `npm run calibrate [-- --draws R --resamples B --workers W --only source,… --dump FILE]`: the calibration study
 * (docs/calibration.md §5). For every board and matrix we hold — Classic v0.4.0 and Lite (simulated items from the
 * published cells, and Rasch-simulated item matrices for the paired path), AIR-Bench, IFEval and MMLU-Pro (real
 * per-instance data) — and every N, each model is held out in turn, drawn R times, ranked with the production
 * bootstrap against the rest, and its interval and probabilities calibrated without it. Printed per board and N:
 * leave-one-out coverage, q95 |error|, median half-width, their ratio, and the reliability of P(rank ≤ k)
 * (mean reported probability − observed share); the targets are checked and failures listed at the end.
 * Cells run in parallel worker threads (default: 2).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_CALIBRATION_SETTINGS } from '../src-shared/rank/design-calibration';
import { rowCells, withoutModel } from '../src-shared/rank/board';
import { placeModel } from '../src-shared/rank/placement';
import { HELM_PUBLISHED_TRADEOFF } from '../src-shared/rank/tradeoff';
import { sharedData } from '../dev/testing/shared-data';
import { classicBoard, liteBoardLong, liteBoardWide } from './calibrate-data';
import type { PublishedBoard } from './calibrate-data';
import type { PathFigures, StudyCell, StudySource, StudyTask } from './calibrate-study';
import { STUDY_SOURCES } from './calibrate-study';
import { EFFICIENT_SIZES } from '../src-shared/examples-per-scenario';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}
const DRAWS = Number(option('draws') ?? DEFAULT_CALIBRATION_SETTINGS.draws);
const RESAMPLES = Number(option('resamples') ?? DEFAULT_CALIBRATION_SETTINGS.resamples);
const WORKERS = Number(option('workers') ?? 2);
const ONLY = option('only')?.split(',') as StudySource[] | undefined;
/** `--dump FILE`: also write every cell's pseudo-user records as JSON, to study other rules offline. */
const DUMP = option('dump');
const SEED = 2026;

/** Acceptance targets (issue #11). */
const TARGETS = { coverage: 0.95, ratioAt10: 1.5, ratio: 1.25, reliability: 0.05 };

const fmt = (x: number | null, digits = 2) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(digits));

function fidelity(published: PublishedBoard): string {
  const { board } = published;
  let maxError = 0;
  board.models.forEach((_, j) => {
    const mwr = placeModel(withoutModel(board, j), rowCells(board, j), { userRowIndex: j }).score ?? Number.NaN;
    maxError = Math.max(maxError, Math.abs(mwr - (published.publishedMwr[j] as number)));
  });
  return `${published.name}: ${board.models.length} models × ${board.columns.length} columns; placed-back MWR vs published: max |error| ${maxError.toFixed(4)} (3-decimal cells)`;
}

function ratio(path: PathFigures): number {
  return path.q95AbsError > 0 ? path.medianHalfWidth / path.q95AbsError : path.medianHalfWidth === 0 ? 0 : Infinity;
}

/** The targets a path misses (empty when it meets them all). */
function misses(cell: StudyCell, path: PathFigures): string[] {
  const out: string[] = [];
  if (path.coverage < TARGETS.coverage) out.push(`coverage ${fmt(path.coverage, 3)}`);
  const limit = cell.level === 10 ? TARGETS.ratioAt10 : TARGETS.ratio;
  if (ratio(path) > limit) out.push(`ratio ${fmt(ratio(path))} > ${limit}`);
  for (const r of path.reliability)
    if (Math.abs(r.meanProbability - r.frequency) > TARGETS.reliability)
      out.push(`P(rank ≤ ${r.k}) off by ${fmt(r.meanProbability - r.frequency)}`);
  if ((path.widerThanUnpaired ?? 0) > 0) out.push(`${path.widerThanUnpaired} paired draws wider than unpaired`);
  return out;
}

const HEADER =
  '  path        N     draws  ĉ      raw cov  cov     q95|err|  med ±   ratio  P(≤k) − freq, k = 1/3/5/10   HELM';

function row(cell: StudyCell, path: PathFigures): string {
  const helm = HELM_PUBLISHED_TRADEOFF.find((r) => r.examplesPerScenario === cell.level)?.ci95 ?? '-';
  const reliability = path.reliability.map((r) => fmt(r.meanProbability - r.frequency).padStart(5)).join(' ');
  const chosen = path.pairedChosen === undefined ? '' : `  paired shown in ${path.pairedChosen}/${path.records}`;
  return `  ${path.path.padEnd(10)}  ${String(cell.level).padEnd(5)} ${String(path.records).padStart(5)}  ${fmt(path.factor).padStart(5)}  ${fmt(path.rawCoverage, 3).padStart(7)}  ${fmt(path.coverage, 3).padStart(6)}  ${fmt(path.q95AbsError, 1).padStart(8)}  ${fmt(path.medianHalfWidth, 1).padStart(6)}  ${fmt(ratio(path)).padStart(5)}  ${reliability.padEnd(27)}  ${helm}${chosen}`;
}

async function runAll(shared: string, tasks: readonly StudyTask[]): Promise<StudyCell[]> {
  const results: StudyCell[] = new Array(tasks.length);
  let next = 0;
  const workerUrl = fileURLToPath(new URL('./calibrate-worker.mjs', import.meta.url));
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl, { workerData: { shared } });
      let current = -1;
      const dispatch = () => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage(tasks[current]);
      };
      worker.on('message', (message: StudyCell | 'ready') => {
        if (message !== 'ready') {
          results[current] = message;
          process.stderr.write(`  done: ${message.source} N = ${message.level}\n`);
        }
        dispatch();
      });
      worker.on('error', reject);
    });
  await Promise.all(Array.from({ length: Math.max(1, WORKERS) }, runWorker));
  return results;
}

async function main(): Promise<void> {
  if (!sharedData) {
    console.log('../shared/data is not available: nothing to calibrate on.');
    return;
  }
  const started = performance.now();
  console.log(
    `Calibration study: ${DRAWS} draws per model, B = ${RESAMPLES} per pseudo-user bootstrap, α = 0.05, seed ${SEED}, ${WORKERS} workers.`,
  );
  console.log(
    `Targets: coverage ≥ ${TARGETS.coverage}; median half-width ≤ ${TARGETS.ratio} × q95|error| (≤ ${TARGETS.ratioAt10}× at N = 10); reliability within ±${TARGETS.reliability}; paired never wider than unpaired.\n`,
  );
  for (const published of [classicBoard(sharedData), liteBoardWide(sharedData), liteBoardLong(sharedData)])
    console.log(fidelity(published));
  const settings = { draws: DRAWS, resamples: RESAMPLES, seed: SEED };
  const sources = STUDY_SOURCES.filter((source) => !ONLY || ONLY.includes(source));
  const tasks = sources.flatMap((source) =>
    EFFICIENT_SIZES.map((level) => ({ source, level, settings, ...(DUMP ? { dump: true } : {}) })),
  );
  const cells = await runAll(sharedData, tasks);
  if (DUMP) await writeFile(DUMP, JSON.stringify(cells));
  const failures: string[] = [];
  let lastSource = '';
  for (const cell of cells) {
    if (cell.source !== lastSource) {
      console.log(`\n${cell.name}: ${cell.models} models, calibration basis ${cell.basis}`);
      console.log(HEADER);
      lastSource = cell.source;
    }
    for (const path of cell.paths) {
      console.log(row(cell, path));
      const missed = misses(cell, path);
      if (missed.length > 0) failures.push(`${cell.source} N = ${cell.level} ${path.path}: ${missed.join('; ')}`);
    }
  }
  console.log(
    `\n${failures.length === 0 ? 'All targets met.' : `Targets missed in ${failures.length} cells:\n  ${failures.join('\n  ')}`}`,
  );
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

await main();
