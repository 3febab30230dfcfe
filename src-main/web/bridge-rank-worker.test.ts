/**
 * The web bridge while the app calibrates a new design on the built rank worker (out/app/rank-worker.js, built by
 * vitest's global setup), against the same visit with the rank work on the serving thread: the other channels and
 * the event stream keep answering, and the numbers are the same to the last bit.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtEntry } from '../../dev/testing/built-app';
import { writeTinyBoard, writeTinyBoardInstances } from '../../dev/testing/tiny-board';
import { createAppServices } from '../services/app-services';
import { startWebBridge } from './bridge-server';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'helm-rank-rank-worker-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/**
 * A fresh data directory holding the 30-model board `tiny` and its cached per-instance NarrativeQA data (nothing
 * calibrated yet).
 */
async function dataDir(name: string): Promise<string> {
  const dir = join(root, name);
  await writeTinyBoard(join(dir, 'leaderboards'));
  await writeTinyBoardInstances(join(dir, 'leaderboards'));
  return dir;
}

const calibrations = async (dir: string): Promise<unknown> =>
  (JSON.parse(await readFile(join(dir, 'leaderboards', 'tiny', 'calibration.json'), 'utf8')) as { entries: unknown })
    .entries;

/**
 * Serves a fresh data directory over the web bridge, its rank work on `rankWorkerEntry` (null: this thread), and
 * plays the Budget step's first visit: a NarrativeQA plan, then a plan of every scenario (a new design, the slow
 * one), and — once the first has answered, so the second is being calibrated — a leaderboard list, the settings and
 * the event stream. Returns the order in which the answers came, and both plans.
 */
async function budgetVisit(name: string, rankWorkerEntry: string | null) {
  const dir = await dataDir(name);
  const backend = createAppServices({ dataDir: dir, env: {}, rankWorkerEntry });
  const bridge = await startWebBridge({ port: backend, staticDir: null });
  const headers = { authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' };
  const order: string[] = [];
  // Each request on a connection of its own: a blocked server must make it wait, not find a kept-alive socket that
  // the server closes as idle the moment it wakes up. `events` ends at the stream's first chunk.
  const send = (path: string, body: string | null): Promise<string> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(bridge.origin);
      const method = body === null ? 'GET' : 'POST';
      const request = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (body === null) {
            resolve(text);
            request.destroy();
          }
        });
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
      request.end(body ?? undefined);
    });
  const call = async (channel: string, body: unknown, label = channel): Promise<unknown> => {
    const answer = JSON.parse(await send(`/api/${channel}`, JSON.stringify(body))) as { ok: boolean; result?: unknown };
    order.push(label);
    if (!answer.ok) throw new Error(JSON.stringify(answer));
    return answer.result;
  };
  const events = async () => order.push(`events ${(await send('/api/events', null)).trim()}`);
  try {
    const plan = (label: string, scenarios?: string[]) =>
      call('rank.expectedInterval', { leaderboard: 'tiny', examplesPerScenario: 10, scenarios }, `plan ${label}`);
    const small = plan('NarrativeQA', ['narrative_qa']);
    const every = plan('every scenario');
    await small;
    await call('leaderboards.list', {});
    await call('settings.get', {});
    await events();
    return { order, small: await small, every: await every, calibrations: await calibrations(dir) };
  } finally {
    await bridge.close();
    await backend.close();
  }
}

describe('the web bridge with the rank worker', () => {
  it('keeps the bridge answering while a new design is calibrated, with the same numbers as in-thread', async () => {
    const worker = await budgetVisit('worker', builtEntry('rank-worker'));
    // While every scenario's calibration runs on the worker, the list, the settings and the event stream answer.
    expect(worker.order).toEqual([
      'plan NarrativeQA',
      'leaderboards.list',
      'settings.get',
      'events : connected',
      'plan every scenario',
    ]);
    // The same visit with the work on the serving thread: nothing answers until that calibration is done (the
    // check above is not blind).
    const inThread = await budgetVisit('in-thread', null);
    expect(inThread.order.indexOf('plan every scenario')).toBeLessThan(inThread.order.indexOf('leaderboards.list'));
    // One function, wherever it runs: the same plans and, to the last bit, the same stored calibrations.
    // The worker read the board's per-instance data from disk itself (it was sent the board's name, not matrices).
    expect(worker.small).toMatchObject({ calibrationBasis: 'per-instance', scenarios: ['narrative_qa'] });
    expect(worker.small).toEqual(inThread.small);
    expect(worker.every).toEqual(inThread.every);
    expect(worker.calibrations).toEqual(inThread.calibrations);
    expect(Object.keys(worker.calibrations as object)).toHaveLength(2);
  });
});
