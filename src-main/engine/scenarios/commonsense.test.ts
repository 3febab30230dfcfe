import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CommonsenseScenario,
  HELLASWAG_URL_TEMPLATE,
  OPENBOOKQA_URL,
  createCommonsenseScenario,
  createHellaswagScenario,
  createOpenbookqaScenario,
} from './commonsense';
import { FixtureFetcher, makeZip } from '../../../dev/testing/fixture-fetcher';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

const hellaswagLine = (activity: string, ctxA: string, ctxB: string, endings: string[], label: number): string =>
  `${JSON.stringify({ ind: 1, activity_label: activity, ctx_a: ctxA, ctx_b: ctxB, ctx: `${ctxA} ${ctxB}`, endings, label, split: 'val', source_id: 's' })}\n`;

const openbookLine = (stem: string, texts: string[], key: string): string =>
  `${JSON.stringify({ id: 'x', question: { stem, choices: texts.map((text, i) => ({ text, label: 'ABCD'[i] })) }, answerKey: key })}\n`;

describe('HellaSwag', () => {
  it('builds "<activity>: <ctx_a> <Ctx_b>" with 4 endings, train then val as valid', async () => {
    await fetcher.add(
      HELLASWAG_URL_TEMPLATE.replace('{split}', 'train'),
      hellaswagLine('Baking', 'A man mixes flour.', 'then he', ['a', 'b', 'c', 'd'], 2),
    );
    await fetcher.add(
      HELLASWAG_URL_TEMPLATE.replace('{split}', 'val'),
      hellaswagLine('Surfing', 'Waves roll in.', '', ['w', 'x', 'w', 'z'], 0) +
        hellaswagLine('Dog', 'A dog runs.', 'éLAN it', ['1', '2', '3', '4'], 3),
    );
    const instances = await new CommonsenseScenario('hellaswag').getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text, x.split])).toEqual([
      ['Baking: A man mixes flour. Then he', 'train'],
      // An empty ctx_b still leaves the joining space, as HELM's f-string does.
      ['Surfing: Waves roll in. ', 'valid'],
      // Only the first character is upper-cased; the rest is kept.
      ['Dog: A dog runs. ÉLAN it', 'valid'],
    ]);
    expect(instances[0]?.references.map((r) => r.tags)).toEqual([[], [], ['correct'], []]);
    // Equal ending texts are all correct.
    expect(instances[1]?.references.map((r) => r.tags)).toEqual([['correct'], [], ['correct'], []]);
    // HELM v0.3.0 also downloads the unlabelled test file; we do not need it.
    expect(fetcher.requested.some((url) => url.includes('hellaswag_test'))).toBe(false);
  });
});

describe('OpenbookQA', () => {
  it('reads Data/Main/train.jsonl then test.jsonl from the zip', async () => {
    await fetcher.add(
      OPENBOOKQA_URL,
      makeZip([
        ['OpenBookQA-V1-Sep2018/Data/Main/test.jsonl', openbookLine('Sun is a', ['star', 'moon', 'rock', 'gas'], 'A')],
        [
          'OpenBookQA-V1-Sep2018/Data/Additional/train_complete.jsonl',
          openbookLine('ignored', ['a', 'b', 'c', 'd'], 'A'),
        ],
        [
          'OpenBookQA-V1-Sep2018/Data/Main/train.jsonl',
          openbookLine('Water is', ['wet', 'dry', 'hot', 'cold'], 'D') +
            openbookLine('Ice is', ['x', 'y', 'z', 'w'], 'B'),
        ],
      ]),
    );
    const instances = await createOpenbookqaScenario({}).getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text, x.split])).toEqual([
      ['Water is', 'train'],
      ['Ice is', 'train'],
      ['Sun is a', 'test'],
    ]);
    expect(instances[0]?.references.map((r) => [r.output.text, r.tags])).toEqual([
      ['wet', []],
      ['dry', []],
      ['hot', []],
      ['cold', ['correct']],
    ]);
  });

  it('rejects an answer key that does not match the choice labels', async () => {
    await fetcher.add(
      OPENBOOKQA_URL,
      makeZip([
        ['Data/Main/train.jsonl', openbookLine('q', ['a', 'b', 'c', 'd'], 'E')],
        ['Data/Main/test.jsonl', ''],
      ]),
    );
    await expect(createOpenbookqaScenario({}).getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-format',
      message: expect.stringContaining(OPENBOOKQA_URL),
    });
  });
});

describe('commonsense factories', () => {
  it('maps the v0.3.0 dataset arg and the HEAD classes to the same scenarios', () => {
    expect(createCommonsenseScenario({ dataset: 'hellaswag' }).name).toBe('hellaswag');
    expect(createCommonsenseScenario({ dataset: 'openbookqa' }).name).toBe('openbookqa');
    expect(createHellaswagScenario({}).name).toBe('hellaswag');
    expect(() => createCommonsenseScenario({ dataset: 'piqa' })).toThrow(/dataset/);
  });
});
