import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { parseCsv } from '../formats/csv';
import { FixtureFetcher, makeTar } from '../../../dev/testing/fixture-fetcher';
import { MMLU_CORE_SUBJECTS, MMLU_SUBJECTS, MMLU_URL, MmluScenario, createMmluScenario } from './mmlu';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

const texts = (xs: readonly { output: { text: string } }[]): string[] => xs.map((x) => x.output.text);

describe('MMLU scenario', () => {
  it('reads dev → train, val → valid, test → test in that order, ignoring other subjects', async () => {
    await fetcher.add(
      MMLU_URL,
      await makeTar([
        ['data/test/abstract_algebra_test.csv', 'T1?,a,b,c,d,D\n"Quoted, with comma",x,y,"z ""q""",w,C\n'],
        ['data/auxiliary_train/arc_easy.csv', 'aux,a,b,c,d,A\n'],
        ['data/dev/abstract_algebra_dev.csv', 'D1?,1,2,3,4,B\nD2?,p,q,r,s,A\n'],
        ['data/val/abstract_algebra_val.csv', 'V1?,same,other,same,x,A\n'],
        ['data/dev/anatomy_dev.csv', 'not this,a,b,c,d,A\n'],
      ]),
    );
    const instances = await new MmluScenario('abstract_algebra').getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text, x.split])).toEqual([
      ['D1?', 'train'],
      ['D2?', 'train'],
      ['V1?', 'valid'],
      ['T1?', 'test'],
      ['Quoted, with comma', 'test'],
    ]);
    expect(texts(instances[0]?.references ?? [])).toEqual(['1', '2', '3', '4']);
    expect(instances[0]?.references.map((r) => r.tags)).toEqual([[], ['correct'], [], []]);
    // Duplicate choice texts are all correct (HELM compares texts).
    expect(instances[2]?.references.map((r) => r.tags)).toEqual([['correct'], [], ['correct'], []]);
    expect(texts(instances[4]?.references ?? [])).toEqual(['x', 'y', 'z "q"', 'w']);
    expect(instances[4]?.references[2]?.tags).toEqual(['correct']);
  });

  it('names the scenario and URL when the source is missing or malformed', async () => {
    await expect(new MmluScenario('anatomy').getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-missing',
      message: expect.stringContaining(MMLU_URL),
    });
    await fetcher.add(MMLU_URL, await makeTar([['data/test/anatomy_test.csv', 'Q,a,b,c,d,F\n']]));
    await expect(new MmluScenario('anatomy').getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-format',
      message: expect.stringContaining('mmlu'),
    });
  });

  it('knows the 57 subjects and rejects others', () => {
    expect(MMLU_SUBJECTS).toHaveLength(57);
    expect(new Set(MMLU_SUBJECTS).size).toBe(57);
    for (const subject of MMLU_CORE_SUBJECTS) expect(MMLU_SUBJECTS).toContain(subject);
    expect(() => createMmluScenario({ subject: 'cooking' })).toThrow(/subject/);
  });
});

describe.skipIf(!sharedData)('MMLU scenario on the real core-subject files', () => {
  it('builds 5 train + all test instances per core subject with the right correct choice', async () => {
    const files: [string, string][] = [];
    const answers = new Map<string, string[][]>();
    for (const subject of MMLU_CORE_SUBJECTS) {
      for (const split of ['dev', 'test']) {
        // The sample is the HF export (header, 0-based index); convert it to data.tar's headerless letter rows.
        const rows = parseCsv(
          await readFile(sharedPath('scenario-samples', 'mmlu', split, `${subject}_${split}.csv`), 'utf8'),
        ).slice(1);
        answers.set(`${subject}/${split}`, rows);
        const csv = rows
          .map((row) =>
            [...row.slice(0, 5), 'ABCD'[Number(row[5])] ?? '?'].map((f) => `"${f.replace(/"/g, '""')}"`).join(','),
          )
          .join('\n');
        files.push([`data/${split}/${subject}_${split}.csv`, `${csv}\n`]);
      }
    }
    await fetcher.add(MMLU_URL, await makeTar(files));
    for (const subject of MMLU_CORE_SUBJECTS) {
      const instances = await new MmluScenario(subject).getInstances(fetcher.context());
      const dev = answers.get(`${subject}/dev`) ?? [];
      const test = answers.get(`${subject}/test`) ?? [];
      expect(instances).toHaveLength(dev.length + test.length);
      expect(instances.filter((x) => x.split === 'train')).toHaveLength(5);
      [...dev, ...test].forEach((row, i) => {
        const instance = instances[i];
        expect(instance?.input.text).toBe(row[0]);
        const correctText = row[1 + Number(row[5])];
        expect(
          instance?.references.filter((r) => r.tags.includes('correct')).every((r) => r.output.text === correctText),
        ).toBe(true);
        expect(instance?.references[Number(row[5])]?.tags).toEqual(['correct']);
      });
    }
  });
});
