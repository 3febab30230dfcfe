import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHelmJson, writeHelmJson } from './helm-json';

describe('writeHelmJson', () => {
  it('writes exactly the text of toHelmJson, item by item', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-rank-json-'));
    try {
      const state = (i: number) => ({
        instance: { id: `id${i}`, input: { text: 'a\nb "q"' }, references: [], split: null },
        request: { prompt: 'x', stop_sequences: [], echo_prompt: i % 2 === 0, top_k_per_token: undefined },
        result: {
          completions: [
            {
              text: ' A',
              logprob: -0.5,
              tokens: [{ text: ' A', logprob: -0.5, top_logprobs: { ' A': -0.5, x: null } }],
            },
          ],
          finish_reason: { reason: null },
        },
        train_trial_index: 0,
      });
      const values: unknown[] = [
        { adapter_spec: { method: 'generation', args: { k: null } }, request_states: [state(0), state(1), state(2)] },
        { adapter_spec: {}, request_states: [] },
        [{ a: 1, b: null }, [], [1, [2, { c: [] }]], null, undefined],
        [],
        { empty: {}, gone: null },
      ];
      for (const [index, value] of values.entries()) {
        const path = join(dir, `${index}.json`);
        await writeHelmJson(path, value);
        expect(await readFile(path, 'utf8')).toBe(toHelmJson(value));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
