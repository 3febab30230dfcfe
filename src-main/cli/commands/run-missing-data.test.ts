import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureMirror } from '../../demo/fixture-sources/index';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { runCli } from '../../../dev/testing/run-cli';
import { builtEntry } from '../../../dev/testing/built-app';

/** The words of a printed command line (the test's paths need no quoting). */
function commandWords(stderr: string, label: string): string[] {
  const line = new RegExp(`^ {2}${label}: helm-rank (.+)$`, 'm').exec(stderr)?.[1] ?? '';
  return line.split(' ');
}

// A run whose data cannot be had fails with "Nothing was scored"; the advice printed must work as printed.
describe('helm-rank run whose scenario data is missing from the mirror', () => {
  let dir = '';
  let server: ScriptedServer;
  let env: NodeJS.ProcessEnv = {};
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-cli-missing-'));
    await mkdir(join(dir, 'mirror'));
    server = await startScriptedOpenAiServer();
    env = { ...process.env, HELM_RANK_MIRROR: '', HELM_RANK_ENGINE_ENTRY: builtEntry('engine') };
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a resume command that resumes once the files are there, and a new-run command for other scenarios', async () => {
    const mirror = join(dir, 'mirror');
    const dataDir = join(dir, 'data');
    const failed = await runCli(
      [
        'run',
        '--model',
        'org/model',
        '--base-url',
        server.baseUrl,
        '--examples',
        '10',
        '--scenarios',
        'imdb',
        '--mirror',
        mirror,
        '--price-prompt',
        '0.5',
        '--data-dir',
        dataDir,
      ],
      env,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Nothing was scored: the data of .*imdb/i);
    // No advice to resume with another scenario list: that is refused.
    expect(failed.stderr).not.toMatch(/--scenarios\), then run again with --resume/);
    expect(failed.stderr).toContain('a resumed run keeps its scenario list');
    const runId = /run (\d{8}-\d{6}-[a-z0-9]+) failed/.exec(failed.stderr)?.[1] ?? '';
    expect(commandWords(failed.stderr, 'resume')).toEqual([
      'run',
      '--resume',
      runId,
      '--mirror',
      mirror,
      '--data-dir',
      dataDir,
    ]);
    expect(commandWords(failed.stderr, 'new run')).toEqual([
      'run',
      '--model',
      'org/model',
      '--base-url',
      server.baseUrl,
      '--examples',
      '10',
      '--price-prompt',
      '0.5',
      '--mirror',
      mirror,
      '--data-dir',
      dataDir,
      '--scenarios',
      'LIST',
    ]);

    // Doing what the hint says: put the files on the mirror, then run the printed resume command.
    await writeFixtureMirror(mirror, ['imdb']);
    const resumed = await runCli(commandWords(failed.stderr, 'resume'), env);
    expect(resumed.stderr).not.toContain('cannot be resumed');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Run ${runId} `);
  }, 120_000);
});
