import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { BOOLQ_BASE_URL, BOOLQ_CONTRAST_URL, BoolqScenario, boolqContrastQuestions, boolqInputText } from './boolq';
import { FixtureFetcher } from '../../../dev/testing/fixture-fetcher';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

const line = (question: string, answer: boolean, passage = 'P.'): string =>
  `${JSON.stringify({ question, title: 't', answer, passage })}\n`;

describe('BoolQ scenario', () => {
  it('reads train then dev as valid, capitalizing questions like str.capitalize and adding "?"', async () => {
    await fetcher.add(
      `${BOOLQ_BASE_URL}/train.jsonl`,
      line('is the USA big', true, 'Passage one.') + line(' does it rain ', false),
    );
    await fetcher.add(`${BOOLQ_BASE_URL}/dev.jsonl`, line('can a cat swim', true));
    const instances = await new BoolqScenario(false).getInstances(fetcher.context());
    expect(instances).toEqual([
      {
        input: { text: 'Passage one.\nQuestion: Is the usa big?' },
        references: [{ output: { text: 'Yes' }, tags: ['correct'] }],
        split: 'train',
      },
      {
        input: { text: 'P.\nQuestion: Does it rain?' },
        references: [{ output: { text: 'No' }, tags: ['correct'] }],
        split: 'train',
      },
      {
        input: { text: 'P.\nQuestion: Can a cat swim?' },
        references: [{ output: { text: 'Yes' }, tags: ['correct'] }],
        split: 'valid',
      },
    ]);
    // The core run (only_contrast=False) does not need the contrast set.
    expect(fetcher.requested).not.toContain(BOOLQ_CONTRAST_URL);
  });

  it('keeps only valid questions with a label-flipping contrast question when only_contrast', async () => {
    await fetcher.add(`${BOOLQ_BASE_URL}/train.jsonl`, line('train q', true));
    await fetcher.add(
      `${BOOLQ_BASE_URL}/dev.jsonl`,
      line('kept q', true) + line('dropped q', false) + line('same answer q', true),
    );
    const contrast = {
      data: [
        {
          question: 'Question',
          answer: 'Gold Answer',
          perturbed_questions: [{ perturbed_q: 'Perturbed Q', answer: 'New Answer' }],
        },
        { question: 'kept q', answer: 'TRUE', perturbed_questions: [{ perturbed_q: 'flip', answer: 'FALSE' }] },
        {
          question: 'same answer q',
          answer: 'TRUE',
          perturbed_questions: [{ perturbed_q: 'no flip', answer: 'TRUE' }],
        },
      ],
    };
    await fetcher.add(BOOLQ_CONTRAST_URL, JSON.stringify(contrast));
    const instances = await new BoolqScenario(true).getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text, x.split])).toEqual([
      ['P.\nQuestion: Train q?', 'train'],
      ['P.\nQuestion: Kept q?', 'valid'],
    ]);
  });

  it('fails with the scenario and URL when dev.jsonl is missing', async () => {
    await fetcher.add(`${BOOLQ_BASE_URL}/train.jsonl`, line('q', true));
    await expect(new BoolqScenario(false).getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-missing',
      message: expect.stringContaining(`${BOOLQ_BASE_URL}/dev.jsonl`),
    });
  });

  it('rejects a question that already ends with "?" as HELM asserts', () => {
    expect(() => boolqInputText('p', 'why?')).toThrow();
  });
});

describe.skipIf(!sharedData)('BoolQ contrast set (real file)', () => {
  it('finds the original questions whose perturbations flip the answer', async () => {
    const json: unknown = JSON.parse(
      await readFile(sharedPath('scenario-samples', 'boolq', 'boolq_perturbed.json'), 'utf8'),
    );
    const questions = boolqContrastQuestions(json);
    expect(questions.size).toBeGreaterThan(0);
    expect(questions.size).toBeLessThanOrEqual(69);
    expect(questions.has('Question')).toBe(false);
  });
});
