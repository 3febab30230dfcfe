import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters } from '../../src-shared/text';
import { fixtureArchiveEntries } from '../demo/helm-run-fixture';
import { runCli } from '../../dev/testing/run-cli';
import { buildZip } from '../demo/zip-writer';
import { classicFixtureRuns } from '../../dev/testing/leaderboard-fixtures';
import { createProgressReporter } from './progress';
import { safeOutput } from './safe-output';
import { CapturedStream } from '../../dev/testing/captured-stream';

const EVIL = 'evil/\u001b]0;pwned\u0007model\u001b[31m\r\u202e';
// eslint-disable-next-line no-control-regex -- looking for raw control characters in the output
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe('escaped output', () => {
  it('escapes C0/C1 controls and bidi overrides, keeping lines only when asked', () => {
    expect(escapeControlCharacters(EVIL)).toBe('evil/\\e]0;pwned\\x07model\\e[31m\\r\\u202e');
    expect(escapeControlCharacters('a\tb\nc\u0085')).toBe('a\\tb\\nc\\x85');
    expect(escapeControlCharacters('a\tb\nc\u0085', { keepLines: true })).toBe('a\tb\nc\\x85');
    expect(escapeControlCharacters('plain ü 文')).toBe('plain ü 文');
  });

  it('keeps the progress bar’s own line clearing on a TTY', () => {
    const captured = new CapturedStream();
    captured.isTTY = true;
    const progress = createProgressReporter(safeOutput(captured), { isTTY: true });
    progress.update({ label: 'x', done: 1, total: 2 });
    progress.log(`model ${EVIL}`);
    expect(captured.text).toContain('\r\u001b[2K');
    expect(captured.text).toContain('model evil/\\e]0;pwned\\x07model\\e[31m\\r\\u202e\n');
  });

  it('prints model names with ESC/OSC sequences escaped in leaderboard show and import warnings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-rank-escape-'));
    try {
      const runs = classicFixtureRuns(['openai/davinci', EVIL]);
      const entries = fixtureArchiveEntries(runs);
      // One run of the evil model with a broken stats.json: its import warning names it.
      const broken = entries.findIndex((entry) => entry.name.includes('\u001b') && entry.name.endsWith('stats.json'));
      entries[broken] = { ...entries[broken]!, data: '{not json' };
      await writeFile(join(dir, 'evil.zip'), buildZip(entries));
      const imported = await runCli(
        ['leaderboard', 'import', join(dir, 'evil.zip'), '--name', 'e', '--data-dir', dir],
        {},
      );
      expect(imported.code).toBe(0);
      expect(imported.stderr).toContain('\\e]0;pwned\\x07model\\e[31m');
      const shown = await runCli(['leaderboard', 'show', 'e', '--data-dir', dir], {});
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('evil/\\e]0;pwned\\x07model\\e[31m\\r\\u202e');
      for (const text of [imported.stdout, imported.stderr, shown.stdout, shown.stderr])
        expect(text).not.toMatch(RAW_CONTROL);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
