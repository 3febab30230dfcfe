/**
 * Fixtures for the issue #13 e2e tests: a Classic-shaped leaderboard as large as the real one (67 models, the
 * schema's own model ids and display names), and a finished 1,000-instance BoolQ run written straight into a data
 * directory in HELM's file formats (run.json, run_spec.json, scenario_state.json, per_instance_stats.json), so the
 * per-instance viewer can be tested on a run of realistic size without sending 1,000 requests.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startScriptedOpenAiServer } from '../dev/testing/scripted-openai-server';
import type { ScriptedServer, ScriptedServerOptions } from '../dev/testing/scripted-openai-server';
import { serveMirrorDirectory, writeFixtureMirror } from '../src-main/demo/fixture-sources/index';
import type { FixtureServer } from '../src-main/demo/http-fixture-server';
import { writeMirroredBoard } from './fixtures';
import { launchApp, launchBrowser } from './harness';
import type { AppUnderTest } from './harness';
import { CLASSIC_MODELS } from '../src-shared/leaderboard/classic-models';
import { CLASSIC_SCHEMA } from '../src-shared/leaderboard/schema';
import type { FixtureRun } from '../src-main/demo/helm-run-fixture';
import { fixtureArchiveEntries } from '../src-main/demo/helm-run-fixture';
import { buildZip } from '../src-main/demo/zip-writer';

/** The first `count` models of HELM Classic's schema (real ids, so the table shows their display names). */
export function bigBoardModels(count = 67): string[] {
  return CLASSIC_MODELS.filter(([name]) => name !== 'neurips/local')
    .slice(0, count)
    .map(([name]) => name);
}

/** A run archive of `count` models × the 16 core columns; strength falls with the index, with a per-column wobble. */
export function bigBoardZip(count = 67): Buffer {
  const models = bigBoardModels(count);
  const columns = CLASSIC_SCHEMA.tables.accuracy ?? [];
  const runs: FixtureRun[] = [];
  models.forEach((model, i) =>
    columns.forEach((column, j) => {
      const strength = 1 - i / (models.length - 1);
      const wobble = (((i * 7 + j * 13) % 11) - 5) * 0.03;
      const value = Math.round((0.2 + 0.6 * Math.min(1, Math.max(0, strength + wobble))) * 1000) / 1000;
      runs.push({ group: column.group, model, metric: column.metric, split: column.split, value });
    }),
  );
  return buildZip(fixtureArchiveEntries(runs));
}

export const INSTANCE_RUN_NAME = 'boolq:model=acme_big,max_eval_instances=1000';

/** Whether instance `i` of the synthetic run is answered correctly (a fixed, irregular pattern: 620 of 1,000). */
export function isCorrect(i: number): boolean {
  return (i * 37) % 100 < 62;
}

/**
 * Writes a finished run `runId` with one BoolQ HELM run of `count` instances into `dataDir`, as the run service
 * and the engine lay it out. Prompts are ~1.2 KB each (five in-context examples), as BoolQ's are. `runName` and
 * `model` default to {@link INSTANCE_RUN_NAME} and `acme/big` (layout tests pass long ones).
 */
export async function writeInstanceRun(
  dataDir: string,
  runId: string,
  count = 1000,
  { runName = INSTANCE_RUN_NAME, model = 'acme/big' }: { runName?: string; model?: string } = {},
): Promise<void> {
  const suite = 'v1';
  const runDir = join(dataDir, 'runs', runId);
  const helmDir = join(runDir, 'benchmark_output', 'runs', suite, runName);
  await mkdir(helmDir, { recursive: true });
  const now = new Date('2026-01-02T03:04:05Z').toISOString();
  const shots = Array.from(
    { length: 5 },
    (_, k) =>
      `Passage: Example passage number ${k} about a topic, long enough to look real.\nQuestion: is it true?\nAnswer: yes\n`,
  ).join('\n');
  const states = [];
  const perInstance = [];
  for (let i = 0; i < count; i += 1) {
    const id = `id${i}`;
    const gold = i % 2 === 0 ? 'yes' : 'no';
    const answer = isCorrect(i) ? gold : gold === 'yes' ? 'no' : 'yes';
    const prompt = `${shots}\nPassage: Passage ${i}: ${'a sentence of the passage. '.repeat(12)}\nQuestion: is statement ${i} correct?\nAnswer:`;
    states.push({
      instance: {
        input: { text: `Passage ${i}` },
        references: [{ output: { text: gold }, tags: ['correct'] }],
        split: 'valid',
        id,
      },
      train_trial_index: 0,
      request: { model, prompt, temperature: 0, max_tokens: 5, stop_sequences: ['\n'] },
      result: { success: true, cached: false, completions: [{ text: ` ${answer}`, logprob: -0.5, tokens: [] }] },
      num_train_instances: 5,
      prompt_truncated: false,
    });
    const value = isCorrect(i) ? 1 : 0;
    perInstance.push({
      instance_id: id,
      train_trial_index: 0,
      stats: ['exact_match', 'quasi_exact_match'].map((name) => ({
        name: { name, split: 'valid' },
        count: 1,
        sum: value,
        sum_squared: value,
        min: value,
        max: value,
        mean: value,
      })),
    });
  }
  const adapterSpec = { method: 'generation', model, max_train_instances: 5, max_eval_instances: 1000 };
  await writeFile(
    join(helmDir, 'run_spec.json'),
    JSON.stringify({
      name: runName,
      scenario_spec: { class_name: 'helm.benchmark.scenarios.boolq_scenario.BoolQScenario', args: {} },
      adapter_spec: adapterSpec,
      metric_specs: [],
      groups: ['boolq'],
    }),
  );
  await writeFile(
    join(helmDir, 'scenario_state.json'),
    JSON.stringify({ adapter_spec: adapterSpec, request_states: states }, null, 2),
  );
  await writeFile(join(helmDir, 'per_instance_stats.json'), JSON.stringify(perInstance, null, 2));
  await writeFile(join(helmDir, 'stats.json'), '[]');
  const counters = { requestsDone: count, requestsTotal: count, cachedHits: 0, promptTokens: 0, completionTokens: 0 };
  await writeFile(
    join(runDir, 'run.json'),
    JSON.stringify({
      version: 1,
      runId,
      createdAt: now,
      updatedAt: now,
      status: 'done',
      model,
      apiModel: 'big',
      baseUrl: 'http://127.0.0.1:9/v1',
      mode: 'completions',
      examplesPerScenario: 1000,
      scenarios: ['boolq'],
      suite,
      numTrainTrials: 1,
      concurrency: 8,
      rateLimit: null,
      pricePerMillionPrompt: null,
      pricePerMillionCompletion: null,
      apiKeyEnv: null,
      leaderboard: null,
      plan: null,
      overall: {
        ...counters,
        costUsd: null,
        elapsedSeconds: 1,
        etaSeconds: null,
        requestsPerSecond: 1,
        isPaused: false,
      },
      runs: [{ ...counters, costUsd: null, runName, status: 'done' }],
      finishedRuns: [{ runName, outputDir: helmDir }],
      error: null,
      startedAt: now,
      finishedAt: now,
    }),
  );
}

/** One bridge, one 67-model board behind a loopback mirror, one scripted model server and Chromium, per test file. */
export interface TruthEnvironment {
  readonly dir: string;
  readonly mirror: FixtureServer;
  readonly model: ScriptedServer;
  readonly browser: Browser;
  app: AppUnderTest;
  close(): Promise<void>;
}

/**
 * Writes the mirror (BoolQ and TruthfulQA sources, the 67-model board at Classic v0.3.0's catalogue URL), lets
 * `prepare` add files to the temporary folder or the data directory, then starts the servers and the app.
 */
export async function startTruthEnvironment(
  name: string,
  modelOptions: ScriptedServerOptions,
  prepare: (dir: string, board: Buffer) => Promise<void> = async () => undefined,
): Promise<TruthEnvironment> {
  const dir = await mkdtemp(join(tmpdir(), `helm-rank-e2e-${name}-`));
  const mirrorDir = join(dir, 'mirror');
  await writeFixtureMirror(mirrorDir, ['boolq', 'truthful_qa']);
  const board = bigBoardZip();
  await writeMirroredBoard(mirrorDir, board);
  await prepare(dir, board);
  const [mirror, model, browser] = await Promise.all([
    serveMirrorDirectory(mirrorDir),
    startScriptedOpenAiServer(modelOptions),
    launchBrowser(),
  ]);
  const app = await launchApp(browser, { mirror: mirror.baseUrl, dataDir: join(dir, 'data') });
  app.page.setDefaultTimeout(STEP_TIMEOUT);
  const environment: TruthEnvironment = {
    dir,
    mirror,
    model,
    browser,
    app,
    close: async () => {
      await environment.app.close();
      await browser.close();
      await model.close();
      await mirror.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
  return environment;
}

/** How long a step may take to answer a click (short, so a missing control fails fast). */
export const STEP_TIMEOUT = 20_000;

/** Elements inside <main> that scroll vertically on their own (the page must be the only vertical scroll box). */
export async function nestedScrollBoxes(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main *')]
    .filter((element) => {
      const style = getComputedStyle(element);
      return (style.overflowY === 'auto' || style.overflowY === 'scroll') && element.scrollHeight > element.clientHeight + 1;
    })
    .map((element) => String(element.className || element.tagName))`)) as string[];
}

/** Tables that scroll sideways (none may at 1280 px or wider: the leaderboard's 16 columns fit too). */
export async function sidewaysTables(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main .table-wide')]
    .filter((element) => element.scrollWidth > element.clientWidth + 1)
    .map((element) => element.querySelector('table')?.dataset.testid ?? 'table')`)) as string[];
}

/** Elements inside <main> whose right edge passes the window's (a control cut off, or the page scrolling sideways). */
export async function pastViewport(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main *')]
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > window.innerWidth + 1 && !element.closest('.table-wide');
    })
    .map((element) => element.dataset.testid || element.tagName.toLowerCase())`)) as string[];
}

/** Parts of HELM run names in the Run step (the pieces between line-break opportunities) that break inside a word. */
export async function runNamesBrokenMidWord(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('[data-testid="scenario-progress"] th span')]
    .filter((part) => part.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(part.parentElement).lineHeight))
    .map((part) => part.textContent)`)) as string[];
}
