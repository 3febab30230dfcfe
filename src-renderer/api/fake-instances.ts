/** Per-instance answers for the fake API: one HELM run of 120 instances, every third one wrong. */
import type { InstancePage, InstanceRun, InstanceView } from '../../src-shared/api/instances';

export const fakeInstanceRun: InstanceRun = {
  runName: 'boolq:model=me_my-model,max_eval_instances=120',
  group: 'boolq',
  label: 'BoolQ - EM',
  metric: 'quasi_exact_match',
  split: 'valid',
};

const INSTANCES: InstanceView[] = Array.from({ length: 120 }, (_, i) => ({
  id: `id${i}`,
  split: 'valid',
  subSplit: null,
  prompt: `Passage: passage ${i}.\nQuestion: is ${i} even?\nAnswer:`,
  outputs: [i % 3 === 0 ? ' maybe' : i % 2 === 0 ? ' yes' : ' no'],
  references: [{ text: i % 2 === 0 ? 'yes' : 'no', isCorrect: true }],
  score: i % 3 === 0 ? 0 : 1,
  requests: 1,
}));

export function fakeInstancePage(request: { offset: number; limit: number; wrongOnly: boolean }): InstancePage {
  const matching = request.wrongOnly ? INSTANCES.filter((entry) => entry.score === 0) : INSTANCES;
  return {
    runName: fakeInstanceRun.runName,
    metric: fakeInstanceRun.metric,
    total: matching.length,
    totalAll: INSTANCES.length,
    offset: request.offset,
    items: matching.slice(request.offset, request.offset + request.limit),
  };
}
