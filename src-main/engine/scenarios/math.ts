/**
 * MATH (`scenarios/math_scenario.py`, v0.5.4): HELM loads the HF dataset `hendrycks/competition_math` (whose
 * loader reads Hendrycks et al.'s `MATH.tar`), sorts each split by `problem`, shuffles it with
 * `Dataset.shuffle(seed=42)` (= numpy `default_rng(42).permutation(n)`), keeps the rows of one subject (`type`)
 * and level, and makes train then test instances. With `use_chain_of_thought` the reference is the whole
 * solution; otherwise it is the solution's last `\boxed{…}` content (rows without one are dropped), and
 * `use_official_examples` replaces the train rows by the eight examples of the paper.
 *
 * We read the same `MATH.tar` directly. The sort is Arrow's (UTF-8 byte order = code point order, stable);
 * rows with identical problems keep archive order, where HF's loader kept `glob` order (docs/helm-fidelity.md).
 */
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TEST_SPLIT, TRAIN_SPLIT } from '../../../src-shared/helm/instance';
import { readTarEntries } from '../formats/tar';
import { getAnswer } from '../metrics/math-equiv';
import { defaultRngPermutation } from '../rng/pcg64';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, asString, booleanArg, fetchSource, parsingSource, stringArg } from './source';

export const MATH_URL = 'https://people.eecs.berkeley.edu/~hendrycks/MATH.tar';

/** `MATHScenario.subjects_mapping`: run-spec subject → the dataset's `type`. */
export const MATH_SUBJECTS: Readonly<Record<string, string>> = {
  number_theory: 'Number Theory',
  intermediate_algebra: 'Intermediate Algebra',
  algebra: 'Algebra',
  prealgebra: 'Prealgebra',
  geometry: 'Geometry',
  counting_and_probability: 'Counting & Probability',
  precalculus: 'Precalculus',
};
export const MATH_LEVELS = ['1', '2', '3', '4', '5'] as const;

/** The eight official examples (`use_official_examples=True`), as (problem, answer). */
const OFFICIAL_EXAMPLES: readonly (readonly [string, string])[] = [
  ['What is $\\left(\\frac{7}{8}\\right)^3 \\cdot \\left(\\frac{7}{8}\\right)^{-3}$?', '1'],
  [
    'In how many ways can 4 books be selected from a shelf of 6 books if the order in which the books are selected does not matter?',
    '15',
  ],
  ['Find the distance between the points $(2,1,-4)$ and $(5,8,-3).$', '\\sqrt{59}'],
  [
    'The faces of an octahedral die are labeled with digits $1$ through $8$. What is the probability, expressed as a common fraction, of rolling a sum of $15$ with a pair of such octahedral dice?',
    '\\frac{1}{32}',
  ],
  [
    'The first three terms of an arithmetic sequence are 1, 10 and 19, respectively. What is the value of the 21st term?',
    '181',
  ],
  ['Calculate $6 \\cdot 8\\frac{1}{3}', '50'],
  [
    'When the binary number $100101110010_2$ is divided by 4, what is the remainder (give your answer in base 10)?',
    '2',
  ],
  ['How many zeros are at the end of the product 25 $\\times$ 240?', '3'],
];

export interface MathRow {
  readonly problem: string;
  readonly level: string;
  readonly type: string;
  readonly solution: string;
}

/** Arrow's string order: UTF-8 bytes, i.e. code points (not JS's UTF-16 order). */
function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** `.sort("problem").shuffle(seed=42)` of one split. */
export function sortAndShuffle(rows: readonly MathRow[]): MathRow[] {
  const sorted = [...rows].sort((a, b) => compareCodePoints(a.problem, b.problem));
  const permutation = defaultRngPermutation(42, sorted.length);
  return Array.from(permutation, (index) => sorted[index] as MathRow);
}

export interface MathOptions {
  readonly subject: string;
  readonly level: string;
  readonly useOfficialExamples: boolean;
  readonly useChainOfThought: boolean;
}

/** Instances of one subject and level from the two splits' rows (each in dataset order). */
export function mathInstances(
  splits: { train: readonly MathRow[]; test: readonly MathRow[] },
  options: MathOptions,
): Instance[] {
  const type = MATH_SUBJECTS[options.subject];
  const level = `Level ${options.level}`;
  const instances: Instance[] = [];
  const add = (problem: string, answer: string, split: string): void => {
    instances.push({
      input: { text: problem },
      references: [{ output: { text: answer }, tags: [CORRECT_TAG] }],
      split,
    });
  };
  for (const [split, rows] of [
    [TRAIN_SPLIT, splits.train],
    [TEST_SPLIT, splits.test],
  ] as const) {
    if (split === TRAIN_SPLIT && options.useOfficialExamples) {
      for (const [problem, answer] of OFFICIAL_EXAMPLES) add(problem, answer, split);
      continue;
    }
    for (const row of sortAndShuffle(rows)) {
      if (row.type !== type || row.level !== level) continue;
      if (options.useChainOfThought) add(row.problem, row.solution, split);
      else {
        const answer = getAnswer(row.solution);
        if (answer !== null) add(row.problem, answer, split);
      }
    }
  }
  return instances;
}

/** `MATH/<split>/<type dir>/<n>.json` entries of MATH.tar, in archive order. */
export async function readMathTar(path: string, signal?: AbortSignal): Promise<{ train: MathRow[]; test: MathRow[] }> {
  const splits: { train: MathRow[]; test: MathRow[] } = { train: [], test: [] };
  await readTarEntries(path, {
    select: (name) => /(?:^|\/)MATH\/(train|test)\/[^/]+\/[^/]+\.json$/.test(name),
    onEntry: (name, content) => {
      const split = /MATH\/(train|test)\//.exec(name)?.[1] === 'train' ? 'train' : 'test';
      const item = asRecord(JSON.parse(content.toString('utf8')), name);
      splits[split].push({
        problem: asString(item.problem, 'problem'),
        level: asString(item.level, 'level'),
        type: asString(item.type, 'type'),
        solution: asString(item.solution, 'solution'),
      });
    },
    ...(signal ? { signal } : {}),
  });
  if (splits.train.length === 0 || splits.test.length === 0) throw new Error('no MATH/train or MATH/test problems');
  return splits;
}

export class MathScenario implements Scenario {
  readonly name = 'MATH';

  constructor(readonly options: MathOptions) {
    if (options.useChainOfThought && options.useOfficialExamples) {
      throw new Error('Cannot use official examples when use_chain_of_thought is True.');
    }
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const path = await fetchSource(context, 'math', MATH_URL);
    const splits = await parsingSource('math', MATH_URL, () => readMathTar(path, context.signal));
    return mathInstances(splits, this.options);
  }
}

export const createMathScenario: ScenarioFactory = (args) =>
  new MathScenario({
    subject: stringArg('math', args, 'subject', Object.keys(MATH_SUBJECTS)),
    level: stringArg('math', args, 'level', MATH_LEVELS),
    useOfficialExamples: booleanArg(args, 'use_official_examples'),
    useChainOfThought: booleanArg(args, 'use_chain_of_thought'),
  });
