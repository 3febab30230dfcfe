import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { DatasetFetcher, ScenarioContext } from '../types';
import { QUAC_BASE_URL, QuacScenario } from './quac';

/** A QuAC v0.2 data item (the source format: `{data: [{title, background, section_title, paragraphs: [...]}]}`). */
function dialogue(title: string, qas: { q: string; orig: string; answers: string[] }[]): unknown {
  return {
    title,
    background: `${title} background.`,
    section_title: 'Early life',
    paragraphs: [
      {
        context: `${title} was born. CANNOTANSWER`,
        id: title,
        qas: qas.map((qa, i) => ({
          question: qa.q,
          id: `${title}_q#${i}`,
          orig_answer: { text: qa.orig, answer_start: 0 },
          answers: qa.answers.map((text) => ({ text, answer_start: 0 })),
          followup: 'y',
          yesno: 'x',
        })),
      },
    ],
  };
}

function context(train: unknown[], val: unknown[]): ScenarioContext {
  const dir = mkdtempSync(join(tmpdir(), 'quac-'));
  const files: Record<string, string> = {};
  for (const [name, data] of [
    ['train', train],
    ['val', val],
  ] as const) {
    const path = join(dir, `${name}_v0.2.json`);
    writeFileSync(path, JSON.stringify({ data }));
    files[`${QUAC_BASE_URL}/${name}_v0.2.json`] = path;
  }
  const fetcher: DatasetFetcher = { fetch: async (url) => files[url] ?? Promise.reject(new Error(`404 ${url}`)) };
  return { outputDir: dir, fetcher };
}

const qa = (i: number, answers: string[] = [`a${i}`]): { q: string; orig: string; answers: string[] } => ({
  q: `Q${i}?`,
  orig: `o${i}`,
  answers,
});

describe('QuAC', () => {
  // randint from CPython's seed(0) words 3626764237, 1654615998, 3255389356, 3823568514, 1806341205, 173879092:
  // randint(3, 4) = 3 + (3 redrawn, 1) = 4 → k = 3; randint(3, 3) = 3 + (1, 1 redrawn, 0) → k = 2;
  // randint(3, 5) = 3 + (0) → k = 2.
  it('builds the dialogue prompt with HELM’s seeded cut point and skips QA k−1', async () => {
    const instances = await new QuacScenario().getInstances(
      context(
        [dialogue('A', [qa(0), qa(1), qa(2), qa(3, ['x', 'y', 'x'])])],
        [
          dialogue('B', [qa(0), qa(1), qa(2, ['CANNOTANSWER', 'CANNOTANSWER'])]),
          dialogue('C', [qa(0), qa(1), qa(2, ['z']), qa(3), qa(4)]),
        ],
      ),
    );
    expect(instances.map((i) => i.split)).toEqual(['train', 'valid', 'valid']);
    expect(instances[0]?.input.text).toBe(
      'Title: A\n\nBackground: A background.\n\nSection: Early life\nPassage: A was born.\n\n' +
        'Question: Q0?\nAnswer: o0\n\nQuestion: Q1?\nAnswer: o1\n\nQuestion: Q3?',
    );
    expect(instances[0]?.references.map((r) => r.output.text)).toEqual(['x', 'y']);
    expect(instances[1]?.input.text).toBe(
      'Title: B\n\nBackground: B background.\n\nSection: Early life\nPassage: B was born.\n\nQuestion: Q0?\nAnswer: o0\n\nQuestion: Q2?',
    );
    expect(instances[1]?.references.map((r) => r.output.text)).toEqual([
      'CANNOTANSWER',
      'Not enough information',
      'Cannot answer',
      'Do not know',
    ]);
    expect(instances[2]?.input.text.endsWith('Question: Q0?\nAnswer: o0\n\nQuestion: Q2?')).toBe(true);
    expect(instances.every((i) => i.references.every((r) => r.tags.includes('correct')))).toBe(true);
  });

  it('names the scenario and URL for a context without the CANNOTANSWER suffix', async () => {
    const bad = {
      ...(dialogue('D', [qa(0), qa(1), qa(2)]) as Record<string, unknown>),
      paragraphs: [{ context: 'no marker', qas: [] }],
    };
    const error: unknown = await new QuacScenario().getInstances(context([bad], [])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(`${QUAC_BASE_URL}/train_v0.2.json`);
  });
});
