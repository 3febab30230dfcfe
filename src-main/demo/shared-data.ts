/**
 * The folder of real data shared beside the checkout (`../shared/data`, or `HELM_RANK_SHARED_DATA`): the demo
 * finds its default model there, and tests read real HELM files from it (dev/testing/shared-data.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../engine/app-files';

// From the sources or from the bundle in out/app (this module then runs from a chunk there).
const repositoryRoot = packageRoot();

/** Absolute path of the shared data folder, or null when it is not there (it has a README.md when it is). */
export function locateSharedData(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env.HELM_RANK_SHARED_DATA ?? resolve(repositoryRoot, '..', 'shared', 'data');
  return existsSync(join(candidate, 'README.md')) ? candidate : null;
}

/** The demo's default model: the tiny story model in the shared data folder, or null without that folder. */
export function defaultDemoModelPath(): string | null {
  const sharedData = locateSharedData();
  return sharedData ? join(sharedData, 'models', 'stories260K.gguf') : null;
}
