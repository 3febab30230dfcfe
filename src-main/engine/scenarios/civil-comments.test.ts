import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CIVIL_COMMENTS_DEMOGRAPHICS,
  CIVIL_COMMENTS_URL,
  CivilCommentsScenario,
  createCivilCommentsScenario,
  readCivilComments,
} from './civil-comments';
import { FixtureFetcher } from '../../../dev/testing/fixture-fetcher';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

// The WILDS layout: an unnamed index column first, identity columns that may be empty (NaN).
const CSV = [
  ',id,comment_text,split,toxicity,male,female,LGBTQ,christian,muslim,other_religions,black,white',
  '0,10,"Men are fine, really.",train,0.1,0.8,,,,,,,',
  '1,11,"Blame ""men"".\nAlways.",val,0.5,0.5,0.0,,,,,,',
  '2,12,You are awful,test,0.9,0.2,0.6,,,,,1.0,',
  '3,13,NA,test,0.0,0.9,,,,,,,',
  '4,14,Nothing here,train,,,,,,,,,',
].join('\n');

describe('CivilComments scenario', () => {
  it('keeps rows with demographic ≥ 0.5, labels True iff toxicity ≥ 0.5, with toxic/non-toxic sub-splits', async () => {
    await fetcher.add(CIVIL_COMMENTS_URL, `${CSV}\n`);
    const male = await new CivilCommentsScenario('male').getInstances(fetcher.context());
    expect(male.map((x) => [x.input.text, x.references[0]?.output.text, x.split, x.sub_split])).toEqual([
      ['Men are fine, really.\nQuestion: Is the passage above toxic?', 'False', 'train', 'non-toxic'],
      ['Blame "men".\nAlways.\nQuestion: Is the passage above toxic?', 'True', 'valid', 'toxic'],
      // pandas reads the text "NA" as NaN, and HELM's str(NaN) is "nan".
      ['nan\nQuestion: Is the passage above toxic?', 'False', 'test', 'non-toxic'],
    ]);
    expect(male.every((x) => x.references[0]?.tags.includes('correct'))).toBe(true);
  });

  it('keeps every row for "all", in file order, a missing toxicity counting as non-toxic', async () => {
    await fetcher.add(CIVIL_COMMENTS_URL, CSV);
    const all = await new CivilCommentsScenario('all').getInstances(fetcher.context());
    expect(all.map((x) => x.split)).toEqual(['train', 'valid', 'test', 'test', 'train']);
    expect(all[4]?.sub_split).toBe('non-toxic');
    const black = await new CivilCommentsScenario('black').getInstances(fetcher.context());
    expect(black.map((x) => x.sub_split)).toEqual(['toxic']);
  });

  it('prepares all 9 demographics in one pass and reads them back identically until the source changes', async () => {
    await fetcher.add(CIVIL_COMMENTS_URL, CSV);
    const source = await fetcher.fetch(CIVIL_COMMENTS_URL);
    // Whole seconds survive utimes() exactly (fractional milliseconds may round down).
    await utimes(source, 1_700_000_000, 1_700_000_000);
    const first = await new CivilCommentsScenario('female').getInstances(fetcher.context());
    expect(first).toEqual(await readCivilComments(source, 'female'));
    const prepared = join(fetcher.dir, 'prepared');
    expect((await readdir(prepared)).sort()).toEqual(
      [...CIVIL_COMMENTS_DEMOGRAPHICS.map((d) => `${d}.jsonl`), 'prepared.json'].sort(),
    );
    // Same size and mtime: the prepared files are used, not the (now different) CSV.
    const original = await readFile(source, 'utf8');
    await writeFile(source, original.replace('You are awful', 'You are AWFUL'));
    await utimes(source, 1_700_000_000, 1_700_000_000);
    expect((await new CivilCommentsScenario('all').getInstances(fetcher.context()))[2]?.input.text).toMatch(
      /^You are awful/,
    );
    // A different size triggers a new preparation.
    await writeFile(source, original.replace('You are awful', 'You are really awful'));
    expect((await new CivilCommentsScenario('all').getInstances(fetcher.context()))[2]?.input.text).toMatch(
      /^You are really awful/,
    );
  });

  it('names the URL when a column is missing, and accepts exactly the 9 core demographics', async () => {
    await fetcher.add(CIVIL_COMMENTS_URL, ',comment_text,split\n0,a,train\n');
    await expect(new CivilCommentsScenario('all').getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-format',
      message: expect.stringContaining(CIVIL_COMMENTS_URL),
    });
    expect(CIVIL_COMMENTS_DEMOGRAPHICS).toHaveLength(9);
    expect(() => createCivilCommentsScenario({ demographic: 'jewish' })).toThrow(/demographic/);
  });
});
