import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineJobSchema } from '../../../src-shared/engine/job';
import type { FinishedRun } from '../../../src-shared/engine/protocol';
import type { Stat } from '../../../src-shared/helm/stat';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { writeFixtureMirror } from '../../demo/fixture-sources/index';
import { RequestCache } from '../cache/request-cache';
import { OpenAiModelClient } from '../client/openai-model-client';
import { NOT_COMPUTED_FILE, notComputedMetrics } from '../metrics/not-computed';
import { SUMMARIZATION_NOT_COMPUTED } from '../metrics/summarization';
import { createDefaultComponents } from './default-components';
import { executePlan } from './execute';
import { planJob } from './plan';

// Issue #4: SummaC, QAFactEval, BERTScore and the human evaluations are recorded as not computed — a sidecar,
// the finished-run record and a warning — and never as stats (a zero would rank the model down).
describe('summarization runs record the metrics they do not compute', () => {
  let server: ScriptedServer;
  let dir = '';
  const finished: FinishedRun[] = [];
  const warnings: string[] = [];
  let statNames: string[] = [];
  let sidecar: unknown = null;

  beforeAll(async () => {
    server = await startScriptedOpenAiServer({ answer: () => ' The council approved the new park budget.\n' });
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-not-computed-'));
    await writeFixtureMirror(join(dir, 'mirror'), ['summarization_xsum']);
    const job = engineJobSchema.parse({
      kind: 'run',
      endpoint: { model: 'org/model', baseUrl: server.baseUrl, concurrency: 2 },
      examplesPerScenario: 10,
      scenarios: ['summarization_xsum'],
      suite: 'nc',
      mirror: join(dir, 'mirror'),
      dataDir: join(dir, 'data'),
      runDir: join(dir, 'run'),
    });
    const components = createDefaultComponents();
    const plan = await planJob(job, components);
    const cache = await RequestCache.open(join(dir, 'cache'));
    const client = new OpenAiModelClient({
      baseUrl: job.endpoint.baseUrl,
      apiModel: job.endpoint.model,
      mode: job.endpoint.mode,
      concurrency: 2,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    });
    try {
      await executePlan(
        plan,
        job,
        { components, client, cache },
        {
          onRunFinished: (run) => finished.push(run),
          onLog: (level, message) => level === 'warning' && warnings.push(message),
        },
      );
    } finally {
      await cache.close();
    }
    const outputDir = finished[0]?.outputDir ?? '';
    statNames = (JSON.parse(await readFile(join(outputDir, 'stats.json'), 'utf8')) as Stat[]).map(
      (stat) => stat.name.name,
    );
    sidecar = JSON.parse(await readFile(join(outputDir, NOT_COMPUTED_FILE), 'utf8'));
  }, 120_000);

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes not_computed.json with every model-based metric and its reason', () => {
    expect(finished.map((run) => run.runName)).toEqual([
      expect.stringMatching(/^summarization_xsum:.*temperature=0\.3,device=cpu/),
    ]);
    const toxicity = "toxicity needs Google's Perspective API, which HELM Rank does not call";
    expect(sidecar).toEqual([
      ...Object.entries(SUMMARIZATION_NOT_COMPUTED).map(([name, reason]) => ({ name, reason })),
      ...['expected_max_toxicity', 'max_toxicity_probability', 'toxic_frac'].map((name) => ({
        name,
        reason: toxicity,
      })),
    ]);
    expect(finished[0]?.notComputed?.map((metric) => metric.name)).toEqual([
      'summac',
      'BERTScore-F',
      'QAFactEval',
      'HumanEval-faithfulness',
      'expected_max_toxicity',
      'max_toxicity_probability',
      'toxic_frac',
    ]);
    expect(warnings.filter((message) => message.includes('not computed'))).toHaveLength(1);
    expect(warnings.find((message) => message.includes('not computed'))).toContain('summac');
  });

  it('keeps them out of stats.json while the computed metrics are there', () => {
    expect(statNames).toEqual(expect.arrayContaining(['rouge_1', 'rouge_2', 'rouge_l', 'summarization_coverage']));
    // The bias metrics are deterministic word counts: computed (bias-metric.ts), not listed as not computed.
    expect(statNames).toEqual(
      expect.arrayContaining([
        'bias_metric:mode=representation,demographic_category=gender',
        'bias_metric:mode=associations,demographic_category=race,target_category=profession',
      ]),
    );
    for (const name of Object.keys(SUMMARIZATION_NOT_COMPUTED))
      expect(statNames.some((stat) => stat.toLowerCase().includes(name.toLowerCase()))).toBe(false);
  });

  it('lists nothing for runs without the summarization metric', () => {
    expect(
      notComputedMetrics({
        metric_specs: [
          { class_name: 'helm.benchmark.metrics.basic_metrics.BasicMetric', args: { names: ['exact_match'] } },
        ],
      }),
    ).toEqual([]);
  });
});
