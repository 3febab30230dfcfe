/**
 * Tests may read the real HELM data in `../shared/data` (next to the checkout) when it exists and must skip,
 * not fail, when it does not. Use: `describe.skipIf(!sharedData)(…)` and `sharedPath('leaderboards', …)`.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateSharedData } from '../../src-main/demo/shared-data';

/** Absolute path of `../shared/data`, or null when it is not there. */
export const sharedData: string | null = locateSharedData();

/** A path inside `../shared/data`; only call it inside a test that is skipped when {@link sharedData} is null. */
export function sharedPath(...parts: string[]): string {
  if (!sharedData) throw new Error('../shared/data is not available; guard the test with describe.skipIf(!sharedData)');
  return join(sharedData, ...parts);
}

/** The repository root (for fixtures and scripts). */
export const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
