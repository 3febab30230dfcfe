/**
 * The offline demo (the README's "main job", no network): builds the fixture sources of the core scenarios as
 * a mirror directory and a small Classic-shaped leaderboard, serves the mirror on loopback, starts the tiny
 * model behind an OpenAI-compatible server (node-llama-cpp, one thread), then goes through the real CLI path:
 * `leaderboard import` → `run … --mirror … --base-url …` → `rank`. Prints where everything is.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { AppError } from '../../src-shared/errors';
import type { CliContext } from '../cli/command';
import { main } from '../cli/main';
import { buildFixtureLeaderboardZip } from './fixture-leaderboard';
import { serveMirrorDirectory, writeFixtureMirror } from './fixture-sources/index';
import { buildFixtureLiteLeaderboardZip } from './fixture-lite-leaderboard';
import { startTinyModelServer } from './tiny-model-server';

/** What the demo does; every path is resolved. */
export interface DemoOptions {
  readonly dataDir: string;
  /** `--examples` of the run (default 10). */
  readonly examples?: string;
  /** `--scenarios` of the run (comma-separated), default all. */
  readonly scenarios?: string;
  /** The GGUF model to serve. */
  readonly modelPath: string;
  /** The leaderboard name to import the fixture as (default `demo-<board>`). */
  readonly leaderboard?: string;
  /** Board family: `classic` (default) or `lite` (Lite's fixture sources and a fixture Lite board). */
  readonly board?: 'classic' | 'lite';
}

/** The run-entry scenario names whose fixture sources a Lite run reads. */
export const LITE_DEMO_SOURCES = [
  'narrative_qa',
  'natural_qa',
  'commonsense',
  'mmlu',
  'math',
  'gsm',
  'legalbench',
  'med_qa',
  'wmt_14',
];

/** Where the demo put things, and how each step ended. */
export interface DemoResult {
  readonly exitCode: number;
  readonly workDir: string;
  readonly mirrorDir: string;
  readonly leaderboardZip: string;
  readonly leaderboard: string;
  /** The suite directory holding the HELM run directories, when the run finished. */
  readonly suiteDir: string | null;
}

/** Forwards to `target` and keeps a copy, so the demo can read the run id the run command prints. */
class Tee extends Writable {
  text = '';

  constructor(private readonly target: NodeJS.WritableStream) {
    super();
  }

  // Passed on at once, as ../cli/safe-output.ts does: waiting for the target's callback would hold the run's last
  // lines in this stream's buffer while the demo goes on printing its next step.
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    this.target.write(chunk);
    callback();
  }
}

/** The model id the demo evaluates, in HELM's `org/name` form. */
export const DEMO_MODEL = 'local/stories260k';

export async function runDemo(options: DemoOptions, context: CliContext): Promise<DemoResult> {
  const say = (line: string) => context.stdout.write(`${line}\n`);
  const workDir = join(options.dataDir, 'demo');
  const mirrorDir = join(workDir, 'mirror');
  const board = options.board ?? 'classic';
  // The project is read from the archive's name: a `lite-` prefix selects the Lite schema.
  const leaderboardZip = join(
    workDir,
    board === 'lite' ? 'lite-fixture-run_stats.zip' : 'fixture-classic-run_stats.zip',
  );
  const leaderboard = options.leaderboard ?? `demo-${board}`;
  const dataDirArgs = ['--data-dir', options.dataDir];
  const result = (exitCode: number, suiteDir: string | null = null): DemoResult => ({
    exitCode,
    workDir,
    mirrorDir,
    leaderboardZip,
    leaderboard,
    suiteDir,
  });

  say(`1/5 Writing fixture sources (mirror layout <dir>/<host>/<path>) to ${mirrorDir}`);
  await rm(mirrorDir, { recursive: true, force: true });
  const files = await writeFixtureMirror(mirrorDir, board === 'lite' ? LITE_DEMO_SOURCES : undefined);
  await mkdir(workDir, { recursive: true });
  await writeFile(leaderboardZip, board === 'lite' ? buildFixtureLiteLeaderboardZip() : buildFixtureLeaderboardZip());
  say(`    ${files.length} source files; fixture leaderboard: ${leaderboardZip}`);

  say(`2/5 Importing the fixture leaderboard as '${leaderboard}'`);
  const imported = await main(
    ['leaderboard', 'import', leaderboardZip, '--name', leaderboard, ...dataDirArgs],
    context,
  );
  if (imported !== 0) return result(imported);

  const mirror = await serveMirrorDirectory(mirrorDir);
  let model: Awaited<ReturnType<typeof startTinyModelServer>> | null = null;
  try {
    say(`3/5 Serving the mirror at ${mirror.baseUrl}; starting the tiny model (${options.modelPath}, 1 thread)`);
    model = await startTinyModelServer({ modelPath: resolve(options.modelPath), port: 0 });
    say(`    model '${model.modelName}' at ${model.baseUrl}`);

    const runArgs = [
      ...(board === 'lite' ? ['--board', 'lite', '--instruction-following', 'yes'] : []),
      '--model',
      DEMO_MODEL,
      '--api-model',
      model.modelName,
      '--base-url',
      model.baseUrl,
      '--examples',
      options.examples ?? '10',
      '--mirror',
      mirror.baseUrl,
      '--suite',
      'demo',
      // Recorded in run.json, so the app's Results, History and Compare rank the run on the demo's board.
      '--leaderboard',
      leaderboard,
      ...(options.scenarios ? ['--scenarios', options.scenarios] : []),
      ...dataDirArgs,
    ];
    say(`4/5 helm-rank run ${runArgs.join(' ')}`);
    const stdout = new Tee(context.stdout);
    const ran = await main(['run', ...runArgs], { ...context, stdout });
    if (ran !== 0) return result(ran);
    // run.ts prints "Run <id> (<n> HELM runs in runs/<id>/benchmark_output/runs/<suite>) finished."
    const where = /HELM runs in (runs\/\S+?)\) finished/.exec(stdout.text)?.[1];
    if (!where)
      throw new AppError({
        code: 'demo.no-run-dir',
        message: 'The run finished but did not say where its outputs are.',
      });
    const suiteDir = join(options.dataDir, where);

    say(`5/5 helm-rank rank ${suiteDir} --leaderboard ${leaderboard}`);
    const ranked = await main(['rank', suiteDir, '--leaderboard', leaderboard, ...dataDirArgs], context);
    say('');
    say(`HELM run directories: ${suiteDir}`);
    say(`Leaderboard:          helm-rank leaderboard show ${leaderboard} --data-dir ${options.dataDir}`);
    say(`Fixture sources:      ${mirrorDir}`);
    say('The tiny story model scores near chance: the demo shows the pipeline, not a good model.');
    return result(ranked, suiteDir);
  } finally {
    await model?.close();
    await mirror.close();
  }
}
