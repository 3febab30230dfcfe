/**
 * `leaderboards/<name>/calibration.json`: the leave-one-out calibrations computed for a board, keyed by the
 * design they were computed for (strata, n_r, N_r, method, B), so a second `rank` of the same design reuses ĉ.
 * Written with a temp file + rename so readers never see half a file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Calibration } from '../../../src-shared/rank/calibration';

/**
 * At most this many calibrations are kept per board, the newest: every scenario subset × level × estimator is a
 * design of its own, so the file would otherwise grow with use. An evicted design is computed again if asked.
 */
export const MAX_STORED_CALIBRATIONS = 96;

/** 2: leave-one-model-out over several draws per model, with τ, probability maps and reliability (docs/calibration.md). */
export const CALIBRATION_FORMAT_VERSION = 2;

/** The file's shape. */
export interface CalibrationFile {
  readonly formatVersion: typeof CALIBRATION_FORMAT_VERSION;
  /** The board's release, so a re-imported board with another release invalidates the file. */
  readonly release: string;
  readonly models: number;
  readonly entries: Readonly<Record<string, Calibration>>;
}

const fileSchema = z.looseObject({
  formatVersion: z.literal(CALIBRATION_FORMAT_VERSION),
  release: z.string(),
  models: z.number(),
  entries: z.record(
    z.string(),
    z.looseObject({
      level: z.number(),
      factor: z.number().nullable(),
      scaleFloor: z.number(),
      models: z.number(),
      draws: z.number(),
      rows: z.number(),
      probability: z.array(z.unknown()),
      records: z.array(z.unknown()),
    }),
  ),
});

export function calibrationPath(boardDirectory: string): string {
  return join(boardDirectory, 'calibration.json');
}

/** The stored file, or an empty one when absent, damaged or for another release / model count. */
export async function loadCalibrations(
  boardDirectory: string,
  release: string,
  models: number,
): Promise<CalibrationFile> {
  const empty: CalibrationFile = { formatVersion: CALIBRATION_FORMAT_VERSION, release, models, entries: {} };
  try {
    const parsed = fileSchema.safeParse(JSON.parse(await readFile(calibrationPath(boardDirectory), 'utf8')));
    if (!parsed.success || parsed.data.release !== release || parsed.data.models !== models) return empty;
    return parsed.data as unknown as CalibrationFile; // cast at the boundary: our own file, head checked above
  } catch {
    return empty;
  }
}

export async function saveCalibrations(boardDirectory: string, file: CalibrationFile): Promise<void> {
  const target = calibrationPath(boardDirectory);
  const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(file));
  await rename(temporary, target);
}

/** The calibrations of one board, read once: reused by design key, computed and kept when missing. */
export interface CalibrationCache {
  /** The stored calibration for `key`, else `compute()`'s result, kept for {@link CalibrationCache.save}. */
  get(key: string, compute: () => Calibration): Calibration;
  /**
   * Writes the file, only when `get` computed something (an all-cached call leaves it untouched), merged with what
   * the file holds by then.
   */
  save(): Promise<void>;
}

/** Saves under way in this process, by board directory: each reads the file after the previous one wrote it. */
const saving = new Map<string, Promise<void>>();

function serialized(boardDirectory: string, save: () => Promise<void>): Promise<void> {
  const next = (saving.get(boardDirectory) ?? Promise.resolve()).then(save, save);
  saving.set(boardDirectory, next);
  const forget = () => {
    if (saving.get(boardDirectory) === next) saving.delete(boardDirectory);
  };
  next.then(forget, forget);
  return next;
}

export async function openCalibrationCache(
  boardDirectory: string,
  release: string,
  models: number,
): Promise<CalibrationCache> {
  const store = await loadCalibrations(boardDirectory, release, models);
  const entries = { ...store.entries };
  /** Computed here, in order: saved after what the file holds, so they count as the newest. */
  const fresh: Record<string, Calibration> = {};
  return {
    get(key, compute) {
      const hit = entries[key];
      if (hit) return hit;
      const computed = compute();
      entries[key] = fresh[key] = computed;
      return computed;
    },
    async save() {
      if (Object.keys(fresh).length === 0) return;
      // Another caller (a concurrent plan, the CLI) may have stored other designs since this file was read: keep them.
      await serialized(boardDirectory, async () => {
        const current = await loadCalibrations(boardDirectory, release, models);
        await saveCalibrations(boardDirectory, { ...store, entries: newest(current.entries, fresh) });
      });
    },
  };
}

/** What the file held, then what was computed here (the newest), cut to the last {@link MAX_STORED_CALIBRATIONS}. */
function newest(
  stored: Readonly<Record<string, Calibration>>,
  fresh: Readonly<Record<string, Calibration>>,
): Record<string, Calibration> {
  const keys = [...Object.keys(stored).filter((key) => !(key in fresh)), ...Object.keys(fresh)];
  return Object.fromEntries(keys.slice(-MAX_STORED_CALIBRATIONS).map((key) => [key, fresh[key] ?? stored[key]!]));
}
