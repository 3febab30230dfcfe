import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { FixtureFetcher, makeTar } from '../../../dev/testing/fixture-fetcher';
import {
  IMDB_CONTRAST_URL_TEMPLATE,
  IMDB_PINNED_ORDER_URL,
  IMDB_URL,
  ImdbScenario,
  imdbContrastOriginals,
} from './imdb';

let fetcher: FixtureFetcher;
beforeEach(async () => {
  fetcher = await FixtureFetcher.create();
});
afterEach(async () => fetcher.dispose());

const contrastUrl = (file: string): string => IMDB_CONTRAST_URL_TEMPLATE.replace('{file}', file);

async function addFixture(): Promise<void> {
  await fetcher.add(
    IMDB_URL,
    await makeTar(
      [
        ['aclImdb/README', 'readme'],
        ['aclImdb/train/pos/0_9.txt', 'Great film.\n'],
        ['aclImdb/train/pos/1_8.txt', 'Loved it, a contrast original.'],
        ['aclImdb/train/neg/2_1.txt', ' Awful.\r\nJust awful. '],
        ['aclImdb/train/unsup/9_0.txt', 'unlabelled'],
        ['aclImdb/test/pos/3_10.txt', 'Superb.'],
        ['aclImdb/test/neg/4_2.txt', 'Dull.'],
        ['aclImdb/test/neg/5_3.txt', 'Boring.'],
      ],
      true,
    ),
  );
  // The pinned order, not the archive's, decides the order (HELM's imdb_scenario_pinned_file_order.py).
  await fetcher.add(
    IMDB_PINNED_ORDER_URL,
    JSON.stringify({
      train: { pos: ['1_8.txt', '0_9.txt'], neg: ['2_1.txt'] },
      valid: { pos: ['3_10.txt'], neg: ['5_3.txt', '4_2.txt'] },
    }),
  );
  await fetcher.add(
    contrastUrl('test_original.tsv'),
    'Sentiment\tText\nPositive\tLoved it, a contrast original.\nNegative\t"Dull."\n',
  );
  await fetcher.add(contrastUrl('test_contrast.tsv'), 'Sentiment\tText\nNegative\tHated it.\nPositive\t"Fun."\n');
  await fetcher.add(contrastUrl('dev_original.tsv'), 'Sentiment\tText\nNegative\tBoring.\n');
  await fetcher.add(contrastUrl('dev_contrast.tsv'), 'Sentiment\tText\nPositive\tExciting.\n');
}

describe('IMDB scenario', () => {
  it('follows the pinned order, pos before neg, train then test as valid, contrast originals moved to valid', async () => {
    await addFixture();
    const instances = await new ImdbScenario(false).getInstances(fetcher.context());
    expect(instances.map((x) => [x.input.text, x.references[0]?.output.text, x.split])).toEqual([
      ['Loved it, a contrast original.', 'Positive', 'valid'],
      ['Great film.', 'Positive', 'train'],
      ['Awful.\nJust awful.', 'Negative', 'train'],
      ['Superb.', 'Positive', 'valid'],
      ['Boring.', 'Negative', 'valid'],
      ['Dull.', 'Negative', 'valid'],
    ]);
  });

  it('keeps only valid reviews with a contrast example when only_contrast (quoted TSV lines never match)', async () => {
    await addFixture();
    const instances = await new ImdbScenario(true).getInstances(fetcher.context());
    expect(instances.map((x) => x.input.text)).toEqual([
      'Loved it, a contrast original.',
      'Great film.',
      'Awful.\nJust awful.',
      'Boring.',
    ]);
  });

  it('fails naming the pinned-order URL when it is unavailable', async () => {
    await fetcher.add(IMDB_URL, await makeTar([], true));
    await expect(new ImdbScenario(false).getInstances(fetcher.context())).rejects.toMatchObject({
      code: 'scenario.source-missing',
      message: expect.stringContaining(IMDB_PINNED_ORDER_URL),
    });
  });
});

describe.skipIf(!sharedData)('IMDB contrast set (real TSVs)', () => {
  it('maps every test original, keeping quoted lines verbatim as HELM does', async () => {
    const original = await readFile(sharedPath('scenario-samples', 'imdb', 'test_original.tsv'), 'utf8');
    const contrast = await readFile(sharedPath('scenario-samples', 'imdb', 'test_contrast.tsv'), 'utf8');
    const keys = imdbContrastOriginals(original, contrast);
    const lines = original
      .split('\n')
      .slice(1)
      .filter((l) => l !== '');
    expect(keys.size).toBe(lines.length);
    expect([...keys].some((key) => key.startsWith('"'))).toBe(true);
  });
});
