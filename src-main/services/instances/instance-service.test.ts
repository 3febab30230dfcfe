import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
