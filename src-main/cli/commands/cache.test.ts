import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writerEntry } from '../../../dev/cache/cache-writer';
import { runCli } from '../../../dev/testing/run-cli';
import { DATABASE_FILE, RequestCache } from '../../engine/cache/request-cache';
import { JOURNAL_FILE } from '../../engine/cache/journal-migration';
import { parseOlderThan } from './cache';

let dataDir: string;
const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir], {});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'helm-rank-cache-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('helm-rank cache', () => {
  it('migrates an old journal with progress, shows stats per model, prunes by age and model, and verifies', async () => {
    const cacheDir = join(dataDir, 'cache');
    await mkdir(cacheDir, { recursive: true });
    // Two answers from 2023 in the old journal (model unknown), and a torn last line.
    const old = (key: string) => {
      const entry = writerEntry(key, 100);
      return JSON.stringify({ v: 1, key, entry: { ...entry, result: { ...entry.result, request_datetime: 1.7e9 } } });
    };
    await writeFile(join(cacheDir, JOURNAL_FILE), `${old('j1')}\n${old('j2')}\n{"v":1,"key":"j3","ent`);
    const stats = await cli('cache', 'stats');
    expect(stats.code).toBe(0);
    expect(stats.stderr).toMatch(/^migrating requests\.jsonl/m);
    expect(stats.stdout).toContain('2 answers');
    expect(stats.stdout).toContain('(unknown: migrated from the old journal): 2 answers');

    const cache = await RequestCache.open(cacheDir);
    await Promise.all(['a1', 'a2', 'a3'].map((key) => cache.put(key, writerEntry(key, 5000), { model: 'org/a' })));
    await cache.put('b1', writerEntry('b1', 5000), { model: 'org/b' });
    await cache.close();
    const json = JSON.parse((await cli('cache', 'stats', '--json')).stdout) as {
      entries: number;
      models: { model: string; entries: number }[];
    };
    expect(json.entries).toBe(6);
    expect(json.models.map((model) => [model.model, model.entries])).toEqual([
      ['org/a', 3],
      ['org/b', 1],
      ['', 2],
    ]);

    expect((await cli('cache', 'prune')).stderr).toContain('Say what to prune');
    expect((await cli('cache', 'prune', '--older-than', '30d')).stdout).toMatch(/^Removed 2 answers/);
    expect((await cli('cache', 'prune', '--model', 'org/a')).stdout).toMatch(/^Removed 3 answers/);
    const left = await RequestCache.open(cacheDir);
    expect([left.count(), left.has('b1'), left.has('a1'), left.has('j1')]).toEqual([1, true, false, false]);
    await left.close();

    expect((await cli('cache', 'verify')).stdout).toContain('every answer reads');
    const db = new Database(join(cacheDir, DATABASE_FILE));
    db.prepare("UPDATE entries SET body = '{torn' WHERE key = 'b1'").run();
    db.close();
    const damaged = await cli('cache', 'verify');
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toContain('1 unreadable answers (they would be requested again): b1');
    expect((await cli('cache', 'verify', '--remove-unreadable')).stdout).toContain('removed 1 of them');
    expect((await cli('cache', 'verify')).code).toBe(0);
  });

  it('reads --older-than as a duration or a date', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(parseOlderThan('30d', now)).toBe(Date.parse('2026-01-30T00:00:00Z'));
    expect(parseOlderThan('12h', now)).toBe(now - 12 * 3_600_000);
    expect(parseOlderThan('2026-01-31', now)).toBe(Date.parse('2026-01-31T00:00:00Z'));
    expect(() => parseOlderThan('soon', now)).toThrow(/--older-than must be/);
  });
});
