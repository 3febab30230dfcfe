import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { parseCsv } from '../formats/csv';
import { FixtureFetcher } from '../../../dev/testing/fixture-fetcher';
import { RAFT_TEST_ROWS, RAFT_TRAIN_ROWS, RAFT_URL_TEMPLATE, RaftScenario } from './raft';
import { RAFT_LABELS } from './raft-labels';
import { RAFT_FIELD_ORDER, RAFT_INSTRUCTIONS, RAFT_SUBSETS } from './raft-prompt-settings';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

const url = (subset: string, file: string): string =>
  RAFT_URL_TEMPLATE.replace('{subset}', subset).replace('{file}', file);

describe('RAFT split', () => {
  it('is a permutation of the 50 labelled rows: 40 test then 10 train', () => {
    expect(RAFT_TEST_ROWS).toHaveLength(40);
    expect(RAFT_TRAIN_ROWS).toHaveLength(10);
    expect([...RAFT_TEST_ROWS, ...RAFT_TRAIN_ROWS].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });
});

describe('RAFT scenario', () => {
  it('orders train rows then test rows by the seed-42 split and formats fields in the subset order', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) => `"Title ${i}",J${i},"Abs, ${i}",A${i},${i % 2 === 0 ? 'included' : 'not included'},${i}`,
    );
    await fetcher.add(
      url('systematic_review_inclusion', 'train.csv'),
      `Title,Journal,Abstract,Authors,Label,ID\n${rows.join('\n')}\n`,
    );
    const instances = await new RaftScenario('systematic_review_inclusion').getInstances(fetcher.context());
    expect(instances).toHaveLength(50);
    expect(instances.slice(0, 10).every((x) => x.split === 'train')).toBe(true);
    expect(instances.slice(10).every((x) => x.split === 'test')).toBe(true);
    // First train instance is row RAFT_TRAIN_ROWS[0] = 0; first test instance is row RAFT_TEST_ROWS[0] = 5.
    expect(instances[0]?.input.text).toBe('Title: Title 0\nAbstract: Abs, 0\nJournal: J0');
    expect(instances[10]?.input.text).toBe('Title: Title 5\nAbstract: Abs, 5\nJournal: J5');
    expect(instances[10]?.references).toEqual([{ output: { text: 'not included' }, tags: ['correct'] }]);
  });

  it('maps class indices through the HF ClassLabel ["Unlabeled", ...labels] when the file stores them', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `"s${i}",${1 + (i % 2)},${i}`);
    await fetcher.add(url('ade_corpus_v2', 'train.csv'), `Sentence,Label,ID\n${rows.join('\n')}\n`);
    const instances = await new RaftScenario('ade_corpus_v2').getInstances(fetcher.context());
    expect(instances[0]?.references[0]?.output.text).toBe('ADE-related'); // row 0 → index 1
    expect(instances[1]?.references[0]?.output.text).toBe('ADE-related'); // row 12 → index 1
    expect(instances[10]?.references[0]?.output.text).toBe('not ADE-related'); // row 5 → index 2
  });

  it('maps the class indices the HF ought/raft card shows for row ID 0 to the names raft-baselines stores', async () => {
    // Dataset card "Data Instances": the ID-0 row of each subset with its integer Label (HF ClassLabel
    // ["Unlabeled", ...names]); the raft-baselines CSVs store the same rows' labels as names.
    const card: Readonly<Record<string, readonly [number, string]>> = {
      banking_77: [23, 'change_pin'],
      neurips_impact_statement_risks: [1, "doesn't mention a harmful application"],
      one_stop_english: [3, 'intermediate'],
      overruling: [2, 'overruling'],
      semiconductor_org_types: [3, 'university'],
      systematic_review_inclusion: [2, 'not included'],
      tai_safety_research: [1, 'TAI safety research'],
      terms_of_service: [2, 'potentially unfair'],
      tweet_eval_hate: [2, 'not hate speech'],
      twitter_complaints: [2, 'no complaint'],
    };
    for (const [subset, [index, name]] of Object.entries(card)) {
      // Row 0 is the first train instance (RAFT_TRAIN_ROWS[0] = 0).
      const fields = RAFT_FIELD_ORDER[subset as keyof typeof RAFT_FIELD_ORDER];
      const rows = Array.from({ length: 50 }, (_, i) =>
        [...fields.map((f) => `"${f} ${i}"`), i === 0 ? index : 1, i].join(','),
      );
      await fetcher.add(
        url(subset, 'train.csv'),
        `${[...fields.map((f) => `"${f}"`), 'Label', 'ID'].join(',')}\n${rows.join('\n')}\n`,
      );
      const instances = await new RaftScenario(subset as keyof typeof RAFT_FIELD_ORDER).getInstances(fetcher.context());
      expect(instances[0]?.references[0]?.output.text, subset).toBe(name);
    }
  });

  it('rejects an unknown label', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `"s${i}",maybe,${i}`);
    await fetcher.add(url('ade_corpus_v2', 'train.csv'), `Sentence,Label,ID\n${rows.join('\n')}\n`);
    await expect(new RaftScenario('ade_corpus_v2').getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-format',
    });
  });

  it('rejects a file without 50 labelled rows, naming the URL', async () => {
    await fetcher.add(url('banking_77', 'train.csv'), 'Query,Label,ID\nq,l,0\n');
    await expect(new RaftScenario('banking_77').getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-format',
      message: expect.stringContaining('banking_77/train.csv'),
    });
  });
});

describe.skipIf(!sharedData)('RAFT on the real files', () => {
  it('ships the same field order and instructions as prompt_construction_settings', async () => {
    const text = await readFile(sharedPath('scenario-samples', 'raft', 'prompt_construction_settings.jsonl'), 'utf8');
    const [fields, instructions] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const subset of RAFT_SUBSETS) {
      expect(RAFT_FIELD_ORDER[subset]).toEqual(fields?.[subset]);
      expect(RAFT_INSTRUCTIONS[subset]).toBe(instructions?.[subset]);
    }
  });

  it('ships the label names of every task.json', async () => {
    for (const subset of RAFT_SUBSETS) {
      const task = JSON.parse(await readFile(sharedPath('scenario-samples', 'raft', subset, 'task.json'), 'utf8')) as {
        label_columns: { Label: string[] };
      };
      expect(RAFT_LABELS[subset]).toEqual(task.label_columns.Label);
    }
  });

  it('builds 10 train + 40 test instances for every subset, all fields present', async () => {
    for (const subset of RAFT_SUBSETS) {
      const csv = await readFile(sharedPath('scenario-samples', 'raft', subset, 'train.csv'), 'utf8');
      await fetcher.add(url(subset, 'train.csv'), csv);
      const instances = await new RaftScenario(subset).getInstances(fetcher.context());
      const [header, ...rows] = parseCsv(csv);
      const labels = (header ?? []).indexOf('Label');
      expect(instances).toHaveLength(50);
      expect(instances[10]?.references[0]?.output.text).toBe(rows[RAFT_TEST_ROWS[0] ?? 0]?.[labels]);
      for (const instance of instances) {
        expect(instance.input.text.split('\n')[0]?.startsWith(`${RAFT_FIELD_ORDER[subset][0]}: `)).toBe(true);
      }
    }
  });
});
