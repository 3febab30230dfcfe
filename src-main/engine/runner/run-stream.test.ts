import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../../src-shared/helm/instance';
import type { RequestState } from '../../../src-shared/helm/request';
import { DEFAULT_ADAPTER_SPEC } from '../../../src-shared/helm/run-spec';
import { testRequest } from '../../../dev/testing/helm-request';
import { toHelmJson } from '../output/helm-json';
import { RunDirectoryWriter } from '../output/run-directory';
import type { CompletedRequestState } from '../types';
import { RunStream } from './run-stream';

const instance = (id: string): Instance => ({ id, input: { text: id }, references: [], split: 'test' });

function state(id: string, trial: number, prompt: string): RequestState {
  return {
    instance: instance(id),
    train_trial_index: trial,
    request: testRequest({ prompt }),
    num_train_instances: 0,
    prompt_truncated: false,
  };
}

const answered = (requestState: RequestState, text: string): CompletedRequestState => ({
  ...requestState,
  result: { success: true, embedding: [], completions: [{ text, logprob: -1, tokens: [] }], cached: false },
});

describe('RunStream', () => {
  it('writes and scores answers counted out of order exactly as in order, holding only those out of order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helm-rank-stream-'));
    try {
      // Instance a's states are not contiguous (a, b, a), and a second trial repeats both instances.
      const plan = [
        state('a', 0, 'a1'),
        state('b', 0, 'b1'),
        state('a', 0, 'a2'),
        state('a', 1, 'a3'),
        state('b', 1, 'b3'),
      ];
      const groups: string[][] = [];
      const writer = new RunDirectoryWriter(join(dir, 'runs', 's', 'run'), DEFAULT_ADAPTER_SPEC, join(dir, 'partial'));
      const stream = new RunStream(
        plan,
        2,
        {
          addInstance: (states) => groups.push(states.map((one) => one.request.prompt)),
          finish: () => ({ perInstanceStats: [], stats: [] }),
        },
        writer,
      );
      const answers = plan.map((one, position) => answered(one, `answer ${position}`));
      // Position 1 (b) comes first: nothing can be written or scored until position 0 is in.
      await stream.take(1, answers[1] as CompletedRequestState);
      expect(groups).toEqual([]);
      await stream.take(0, answers[0] as CompletedRequestState);
      expect(groups).toEqual([]); // a (trial 0) still waits for its state at position 2
      await stream.take(4, answers[4] as CompletedRequestState);
      await stream.take(2, answers[2] as CompletedRequestState);
      expect(groups).toEqual([['a1', 'a2'], ['b1']]);
      await stream.take(3, answers[3] as CompletedRequestState);
      expect(groups).toEqual([['a1', 'a2'], ['b1'], ['a3'], ['b3']]);
      expect(stream.finish()).toEqual({ perInstanceStats: [], stats: [] });
      await writer.commit({
        runSpec: { name: 'run' } as never,
        scenario: { name: 's', description: '', tags: [], definition_path: '' },
        stats: [],
        perInstanceStats: [],
      });
      expect(await readFile(join(dir, 'runs', 's', 'run', 'scenario_state.json'), 'utf8')).toBe(
        toHelmJson({ adapter_spec: DEFAULT_ADAPTER_SPEC, request_states: answers }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
