import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { isCorrect, INSTANCE_RUN_NAME, writeInstanceRun } from '../../../e2e/truth-fixtures';
import { scanJsonArray } from './json-array-scanner';
import { InstanceService } from './instance-service';

describe('scanJsonArray', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-scan-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the elements under a key with their byte ranges, across any chunk boundary', async () => {
    const text = JSON.stringify({
      adapter_spec: { method: 'x', stop: ['[', '{"request_states": ['] },
      request_states: [{ a: 'é ] } "quoted"' }, { b: [1, { c: 2 }] }, { d: 'ünïcode' }],
      after: [{ z: 1 }],
    });
    const path = join(dir, 'state.json');
    await writeFile(path, text);
    const bytes = Buffer.from(text);
    for (const chunkSize of [1, 3, 7, 64 * 1024]) {
      const seen: unknown[] = [];
      const count = await scanJsonArray(
        path,
        (element) => {
          expect(bytes.subarray(element.offset, element.offset + element.length).toString('utf8')).toBe(element.text);
          seen.push(JSON.parse(element.text));
        },
        { key: 'request_states', chunkSize },
      );
      expect(count).toBe(3);
      expect(seen).toEqual([{ a: 'é ] } "quoted"' }, { b: [1, { c: 2 }] }, { d: 'ünïcode' }]);
    }
  });

  it('names a file without the list, and a truncated one', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"other": []}');
    await expect(scanJsonArray(path, () => {}, { key: 'request_states' })).rejects.toThrow(/no "request_states" list/);
    await writeFile(path, '{"request_states": [{"a": 1}, {"b"');
    await expect(scanJsonArray(path, () => {}, { key: 'request_states' })).rejects.toThrow(/truncated/);
  });
});

describe('InstanceService', () => {
  let dir = '';
  const runId = '20260102-030405-abcdef';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-instances-'));
    await writeInstanceRun(dir, runId, 1000);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists a run's HELM runs with the column's main metric", async () => {
    const service = new InstanceService(join(dir, 'runs'));
    expect(await service.runs(runId)).toEqual([
      { runName: INSTANCE_RUN_NAME, group: 'boolq', label: 'BoolQ - EM', metric: 'quasi_exact_match', split: 'valid' },
    ]);
  });

  it('pages 1,000 instances with prompt, output, references and score, and filters the wrong ones', async () => {
    const service = new InstanceService(join(dir, 'runs'));
    const first = await service.page({ runId, runName: INSTANCE_RUN_NAME, offset: 0, limit: 50, wrongOnly: false });
    expect(first.total).toBe(1000);
    expect(first.items).toHaveLength(50);
    const item = first.items[3]!;
    expect(item.id).toBe('id3');
    expect(item.prompt).toContain('Question: is statement 3 correct?');
    expect(item.references).toEqual([{ text: 'no', isCorrect: true }]);
    expect(item.score).toBe(isCorrect(3) ? 1 : 0);
    expect(item.outputs).toEqual([isCorrect(3) ? ' no' : ' yes']);
    const wrong = await service.page({ runId, runName: INSTANCE_RUN_NAME, offset: 50, limit: 50, wrongOnly: true });
    expect(wrong.total).toBe(380);
    expect(wrong.totalAll).toBe(1000);
    expect(wrong.items.every((entry) => entry.score === 0)).toBe(true);
    expect(wrong.items[0]?.id).toBe(`id${Array.from({ length: 1000 }, (_, i) => i).filter((i) => !isCorrect(i))[50]}`);
  });

  it('refuses a run name the run does not have and a run id that is a path', async () => {
    const service = new InstanceService(join(dir, 'runs'));
    await expect(service.page({ runId, runName: '../../x', offset: 0, limit: 1, wrongOnly: false })).rejects.toThrow(
      /has no HELM run/,
    );
    await expect(service.runs('../x')).rejects.toThrow(/not a run id/);
  });
});

describe.skipIf(!sharedData)('InstanceService on real HELM run directories (every_eval_ever/tests_data_helm)', () => {
  let dir = '';
  const runId = '20260103-000000-abcdef';
  const runs = [
    'commonsense-dataset=hellaswag,method=multiple_choice_joint,model=eleutherai_pythia-1b-v0',
    'narrative_qa-model=openai_gpt2',
  ];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helm-rank-instances-real-'));
    const suite = join(dir, 'runs', runId, 'benchmark_output', 'runs', 'v1');
    await mkdir(suite, { recursive: true });
    // Linked, not copied: the real files stay in ../shared/data.
    for (const run of runs) await symlink(sharedPath('every_eval_ever', 'tests_data_helm', run), join(suite, run));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows joint multiple choice with the chosen option, generation output, references and HELM’s own scores', async () => {
    const service = new InstanceService(join(dir, 'runs'));
    const listed = await service.runs(runId);
    expect(listed.map((run) => [run.group, run.metric])).toEqual([
      ['hellaswag', 'exact_match'],
      ['narrative_qa', 'f1_score'],
    ]);
    const hellaswag = await service.page({ runId, runName: runs[0]!, offset: 0, limit: 10, wrongOnly: false });
    expect(hellaswag.total).toBe(10);
    const first = hellaswag.items[0]!;
    // HELM's scenario_state: the model answered " B"; the viewer shows the option's text beside the letter.
    expect(first.outputs[0]).toMatch(/^ B → If you're not planning on dying your hair/);
    expect(first.references).toHaveLength(4);
    expect(first.references.filter((reference) => reference.isCorrect)).toHaveLength(1);
    expect(first.score === 0 || first.score === 1).toBe(true);
    const narrative = await service.page({ runId, runName: runs[1]!, offset: 0, limit: 10, wrongOnly: true });
    expect(narrative.totalAll).toBe(5);
    expect(narrative.items.every((item) => item.score !== null && item.score < 1)).toBe(true);
    expect(narrative.items[0]?.prompt.length).toBeGreaterThan(1000);
  });
});
