import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gsmSource, legalbenchSource, mathSource, medQaSource, wmt14Source } from '../../demo/fixture-sources/lite';
import type { FixtureSource } from '../../demo/fixture-sources/common';
import { buildZip } from '../../demo/zip-writer';
import { FixtureFetcher, makeTar } from '../../../dev/testing/fixture-fetcher';
import { createGsmScenario, gsmAnswerText, gsmUrl } from './gsm';
import { LegalbenchScenario, legalbenchInstances } from './legalbench';
import { MATH_URL, MathScenario, mathInstances, sortAndShuffle } from './math';
import type { MathRow } from './math';
import { MED_QA_URL, MedQaScenario } from './med-qa';
import { Wmt14Scenario, deduplicateByTarget } from './wmt14';
import { defaultRngPermutation } from '../rng/pcg64';
import { readParquetRows } from '../formats/parquet';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

async function serve(source: FixtureSource): Promise<void> {
  for (const file of await source.files()) await fetcher.add(file.url, file.data);
}

describe('GSM8K (gsm_scenario.py)', () => {
  it("builds HELM's reference text (test_gsm_scenario.py's first instance)", () => {
    // test_gsm_scenario.py: the first train instance's answer, newline and #### replaced.
    expect(
      gsmAnswerText(
        'Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72',
      ),
    ).toBe(
      'Natalia sold 48/2 = <<48/2=24>>24 clips in May. Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May. The answer is 72.',
    );
    expect(gsmUrl('train')).toBe(
      'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data//train.jsonl',
    );
  });

  it('reads train then test in file order', async () => {
    await serve(gsmSource);
    const instances = await createGsmScenario({}).getInstances(fetcher.context());
    expect(instances.map((x) => x.split)).toEqual([...Array(6).fill('train'), ...Array(14).fill('test')]);
    expect(instances[0]?.references[0]?.output.text).toMatch(/ The answer is \d+\.$/);
    expect(instances[0]?.references[0]?.tags).toEqual(['correct']);
  });
});

describe('MATH (math_scenario.py)', () => {
  const row = (problem: string, type = 'Algebra', level = 'Level 1'): MathRow => ({
    problem,
    type,
    level,
    solution: `so \\boxed{${problem.length}}`,
  });

  it('sorts by problem in code-point order, then applies default_rng(42).permutation', () => {
    // '\u{1F600}' sorts after '\uFFFD' by code point but before it in UTF-16 order.
    const rows = ['b', 'a', '\u{1F600}', '\uFFFD', 'c'].map((p) => row(p));
    const sorted = ['a', 'b', 'c', '\uFFFD', '\u{1F600}'];
    const permutation = Array.from(defaultRngPermutation(42, 5));
    expect(sortAndShuffle(rows).map((r) => r.problem)).toEqual(permutation.map((i) => sorted[i]));
  });

  it('filters subject and level; CoT keeps the solution, otherwise the boxed answer (rows without one dropped)', () => {
    const train = [row('t1'), row('t2', 'Geometry'), row('t3', 'Algebra', 'Level 2')];
    const test = [row('e1'), { ...row('e2'), solution: 'no box' }];
    const options = { subject: 'algebra', level: '1', useOfficialExamples: false, useChainOfThought: true };
    const cot = mathInstances({ train, test }, options);
    expect(cot.map((x) => [x.input.text, x.split, x.references[0]?.output.text])).toEqual([
      ['t1', 'train', 'so \\boxed{2}'],
      ...sortAndShuffle(test).map((r) => [r.problem, 'test', r.solution]),
    ]);
    const plain = mathInstances({ train, test }, { ...options, useChainOfThought: false });
    expect(plain.map((x) => [x.input.text, x.references[0]?.output.text])).toEqual([
      ['t1', '2'],
      ['e1', '2'],
    ]);
    const official = mathInstances(
      { train, test },
      { ...options, useChainOfThought: false, useOfficialExamples: true },
    );
    expect(official.filter((x) => x.split === 'train')).toHaveLength(8);
    expect(() => new MathScenario({ ...options, useOfficialExamples: true })).toThrow(/official examples/);
  });

  it('reads MATH.tar (MATH/<split>/<type>/<n>.json) through the downloader', async () => {
    await serve(mathSource);
    const scenario = new MathScenario({
      subject: 'geometry',
      level: '1',
      useOfficialExamples: false,
      useChainOfThought: true,
    });
    const instances = await scenario.getInstances(fetcher.context());
    expect(instances.filter((x) => x.split === 'train')).toHaveLength(6);
    expect(instances.filter((x) => x.split === 'test')).toHaveLength(10);
    expect(instances.every((x) => x.input.text.startsWith('Geometry problem'))).toBe(true);
    await fetcher.add(MATH_URL, await makeTar([['MATH/train/algebra/1.json', '{"problem": 1}']]));
  });
});

describe('LegalBench (legalbench_scenario.py)', () => {
  it("formats fields in the subset's order (test_legalbench_scenario.py's first abercrombie and proa instances)", () => {
    const [abercrombie] = legalbenchInstances(
      'abercrombie',
      [{ answer: 'generic', index: '0', text: 'The mark "Ivory" for a product made of elephant tusks.' }],
      [],
    );
    expect(abercrombie).toEqual({
      input: { text: 'Description: The mark "Ivory" for a product made of elephant tusks.' },
      references: [{ output: { text: 'generic' }, tags: ['correct'] }],
      split: 'train',
    });
    const [proa] = legalbenchInstances(
      'proa',
      [
        {
          answer: 'No',
          index: '0',
          text: 'Amendments to pleadings must be filed within 15 days of the filing of the initial pleading.',
        },
      ],
      [],
    );
    expect(proa?.input.text).toBe(
      'Statute: Amendments to pleadings must be filed within 15 days of the filing of the initial pleading.',
    );
    const [lobbying] = legalbenchInstances(
      'corporate_lobbying',
      [{ answer: 'No', bill_title: 'T', bill_summary: 'S', company_name: 'C', company_description: 'D', index: '0' }],
      [],
    );
    expect(lobbying?.input.text).toBe(
      'Official title of bill: T\nOfficial summary of bill: S\nCompany name: C\nCompany business description: D',
    );
  });

  it('reads the Parquet train and test files', async () => {
    await serve(legalbenchSource);
    const instances = await new LegalbenchScenario('function_of_decision_section').getInstances(fetcher.context());
    expect(instances.map((x) => x.split)).toEqual([...Array(5).fill('train'), ...Array(10).fill('test')]);
    expect(instances[0]?.input.text).toMatch(/^Text: /);
  });
});

describe('MedQA (med_qa_scenario.py)', () => {
  it('reads train, dev → valid, test; options A–D with the answer_idx one correct, trailing quotes stripped', async () => {
    // test_med_qa_scenario.py's first instance, as its JSONL line.
    const first = {
      question: 'A 23-year-old pregnant woman at 22 weeks gestation presents with burning upon urination.',
      answer: 'Nitrofurantoin',
      options: { A: 'Ampicillin', B: 'Ceftriaxone', C: 'Doxycycline', D: 'Nitrofurantoin\n"' },
      meta_info: 'step2&3',
      answer_idx: 'D',
    };
    const base = 'MedQA/data_clean/questions/US/4_options/phrases_no_exclude_';
    await fetcher.add(
      MED_QA_URL,
      buildZip([
        { name: `${base}train.jsonl`, data: `${JSON.stringify(first)}\n` },
        { name: `${base}dev.jsonl`, data: `${JSON.stringify({ ...first, question: 'dev q' })}\n` },
        { name: `${base}test.jsonl`, data: `${JSON.stringify({ ...first, question: 'test q' })}\n` },
      ]),
    );
    const instances = await new MedQaScenario().getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text.slice(0, 7), x.split])).toEqual([
      ['A 23-ye', 'train'],
      ['dev q', 'valid'],
      ['test q', 'test'],
    ]);
    expect(instances[0]?.references).toEqual([
      { output: { text: 'Ampicillin' }, tags: [] },
      { output: { text: 'Ceftriaxone' }, tags: [] },
      { output: { text: 'Doxycycline' }, tags: [] },
      { output: { text: 'Nitrofurantoin' }, tags: ['correct'] },
    ]);
  });

  it('reads the fixture zip', async () => {
    await serve(medQaSource);
    const instances = await new MedQaScenario().getInstances(fetcher.context());
    expect(instances.map((x) => x.split).filter((s) => s === 'test')).toHaveLength(12);
  });
});

describe('WMT14 (wmt_14_scenario.py)', () => {
  it('keeps the first target of each duplicate', () => {
    expect(
      deduplicateByTarget([
        { source: 'a', target: 'x' },
        { source: 'b', target: 'x' },
        { source: 'c', target: 'y' },
      ]),
    ).toEqual([
      { source: 'a', target: 'x' },
      { source: 'c', target: 'y' },
    ]);
  });

  it('shuffles train rows across shards with default_rng(42), dedups, then validation and test in order', async () => {
    await serve(wmt14Source);
    const instances = await new Wmt14Scenario('de', 'en').getInstances(fetcher.context());
    const train = instances.filter((x) => x.split === 'train');
    // 31 rows over two shards; "The same sentence." appears 3 times and is kept once.
    expect(train).toHaveLength(29);
    expect(new Set(train.map((x) => x.references[0]?.output.text)).size).toBe(29);
    // The first train instance is row permutation[0] of the two shards read as one split.
    const shardRows: string[] = [];
    for (const file of (await wmt14Source.files()).filter((f) => /\/de-en\/train\/\d+\.parquet$/.test(f.url))) {
      const path = await fetcher.fetch(file.url);
      for (const row of await readParquetRows(path)) shardRows.push((row.translation as { en: string }).en);
    }
    expect(shardRows).toHaveLength(31);
    expect(train[0]?.references[0]?.output.text).toBe(shardRows[defaultRngPermutation(42, 31)[0] ?? 0]);
    const files = await wmt14Source.files();
    expect(files.filter((f) => f.url.includes('/de-en/train/'))).toHaveLength(2);
    expect(instances.filter((x) => x.split === 'valid')).toHaveLength(4);
    expect(instances.filter((x) => x.split === 'test')).toHaveLength(8);
    expect(instances.at(-1)?.input.text.startsWith('[de] ')).toBe(true);
    expect(() => new Wmt14Scenario('de', 'fr')).toThrow(/English/);
  });
});
