import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Calibration } from '../../../src-shared/rank/calibration';
import { MAX_STORED_CALIBRATIONS, calibrationPath, openCalibrationCache } from './calibration-store';

const calibration: Calibration = {
  level: 0,
  factor: 1.5,
  scaleFloor: 1,
  models: 3,
  draws: 1,
  rows: 3,
  resamples: 100,
  alpha: 0.05,
  rawCoverage: 1,
  calibratedCoverage: 1,
  medianAbsError: 0,
  q95AbsError: 1,
  medianHalfWidth: 1,
  q95HalfWidth: 2,
  reliability: [],
  probability: [],
  records: [],
  basis: 'simulated',
};

describe('openCalibrationCache', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'calibration-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('computes a missing entry once, stores it, and reuses it on the next open', async () => {
    const first = await openCalibrationCache(dir, 'r1', 3);
    let computed = 0;
    const compute = () => {
      computed++;
      return calibration;
    };
    expect(first.get('design', compute)).toEqual(calibration);
    expect(first.get('design', compute)).toEqual(calibration);
    expect(computed).toBe(1);
    await first.save();
    const stored = JSON.parse(await readFile(calibrationPath(dir), 'utf8')) as {
      release: string;
      entries: Record<string, Calibration>;
    };
    expect(stored.release).toBe('r1');
    expect(stored.entries.design?.factor).toBe(1.5);

    const second = await openCalibrationCache(dir, 'r1', 3);
    expect(second.get('design', compute)).toEqual(calibration);
    expect(computed).toBe(1);
  });

  it('leaves the file alone when everything was cached, and ignores a file of another release', async () => {
    const first = await openCalibrationCache(dir, 'r1', 3);
    first.get('design', () => calibration);
    await first.save();
    const cachedOnly = await openCalibrationCache(dir, 'r1', 3);
    cachedOnly.get('design', () => calibration);
    await rm(calibrationPath(dir));
    await cachedOnly.save();
    await expect(readFile(calibrationPath(dir), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });

    await first.save();
    let computed = 0;
    const otherRelease = await openCalibrationCache(dir, 'r2', 3);
    otherRelease.get('design', () => {
      computed++;
      return calibration;
    });
    expect(computed).toBe(1);
  });

  it('keeps what two caches opened at once computed: the later save merges with the file', async () => {
    const first = await openCalibrationCache(dir, 'r1', 3);
    const second = await openCalibrationCache(dir, 'r1', 3);
    first.get('design a', () => calibration);
    second.get('design b', () => ({ ...calibration, factor: 2 }));
    await Promise.all([first.save(), second.save()]);
    const stored = JSON.parse(await readFile(calibrationPath(dir), 'utf8')) as { entries: Record<string, Calibration> };
    expect(Object.keys(stored.entries).sort()).toEqual(['design a', 'design b']);
    expect(stored.entries['design b']?.factor).toBe(2);
  });

  it('keeps the newest designs only, so the file does not grow with use', async () => {
    const total = MAX_STORED_CALIBRATIONS + 10;
    for (let index = 0; index < total; index += 1) {
      const cache = await openCalibrationCache(dir, 'r1', 3);
      cache.get(`design ${index}`, () => ({ ...calibration, factor: index }));
      await cache.save();
    }
    const stored = JSON.parse(await readFile(calibrationPath(dir), 'utf8')) as { entries: Record<string, Calibration> };
    const keys = Object.keys(stored.entries);
    expect(keys).toHaveLength(MAX_STORED_CALIBRATIONS);
    expect(keys[0]).toBe('design 10');
    expect(keys.at(-1)).toBe(`design ${total - 1}`);
    // An evicted design is computed again when asked.
    const reopened = await openCalibrationCache(dir, 'r1', 3);
    let computed = 0;
    reopened.get('design 0', () => {
      computed++;
      return calibration;
    });
    reopened.get(`design ${total - 1}`, () => {
      computed++;
      return calibration;
    });
    expect(computed).toBe(1);
  });
});
