import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../dev/testing/run-cli';

// Flag values are checked in the CLI's words — the flag and what it takes — before any run is created.
describe('helm-rank run flag values', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-flags-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const base = ['run', '--model', 'org/model', '--examples', '10'];
  const url = ['--base-url', 'http://127.0.0.1:9/v1'];

  it.each([
    [
      ['--base-url', 'notaurl'],
      "--base-url must be an http:// or https:// URL such as http://127.0.0.1:8000/v1, not 'notaurl'.",
    ],
    [[...url, '--concurrency', '0'], "--concurrency must be a whole number from 1 to 1024, not '0'."],
    [[...url, '--concurrency', '2000'], "--concurrency must be a whole number from 1 to 1024, not '2000'."],
    [[...url, '--price-prompt=-1'], "--price-prompt must be a number ≥ 0 (US dollars per million tokens), not '-1'."],
    [[...url, '--context-window', '0'], "--context-window must be a whole number ≥ 1 (tokens), not '0'."],
    [[...url, '--num-train-trials', '1.5'], "--num-train-trials must be a whole number ≥ 1, not '1.5'."],
    [[...url, '--max-response-mb', '0'], "--max-response-mb must be a number > 0 (megabytes), not '0'."],
  ])('%j', async (flags, message) => {
    const { code, stderr } = await runCli([...base, ...flags, '--data-dir', dir], {});
    expect(code).toBe(1);
    expect(stderr).toContain(`helm-rank: ${message}`);
    expect(stderr).not.toMatch(/endpoint\.|Invalid run settings|Too small/);
    await expect(readdir(join(dir, 'runs'))).rejects.toThrow();
  });
});

describe('helm-rank run --leaderboard', () => {
  it('refuses a leaderboard that is not imported before creating a run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-flags-'));
    try {
      const { code, stderr } = await runCli(
        [
          'run',
          '--model',
          'org/model',
          '--examples',
          '10',
          '--base-url',
          'http://127.0.0.1:9/v1',
          '--leaderboard',
          'nosuch',
          '--data-dir',
          dir,
        ],
        {},
      );
      expect(code).toBe(1);
      expect(stderr).toContain("helm-rank: No imported leaderboard named 'nosuch'.");
      expect(stderr).toContain('helm-rank leaderboard list');
      await expect(readdir(join(dir, 'runs'))).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('helm-rank tiny-model-server', () => {
  it('names the missing model file and its flag', async () => {
    const { code, stderr } = await runCli(['tiny-model-server', '--model', '/nonexistent/model.gguf'], {});
    expect(code).toBe(1);
    expect(stderr).toContain('No model file at /nonexistent/model.gguf (--model)');
    expect(stderr).not.toContain('ENOENT');
  });
});
