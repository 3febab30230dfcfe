/**
 * IMDB (`scenarios/imdb_scenario.py`, v0.3.0 = HEAD): `aclImdb_v1.tar.gz`, `train/` → train and `test/` →
 * valid, classes `pos` (`Positive`) then `neg` (`Negative`), review text stripped. A review whose text is an
 * original of the allenai contrast sets (`{test,dev}_original.tsv`) becomes a valid instance even when it comes
 * from `train/`.
 *
 * File order: HELM's first runs used `os.listdir()` order, which is the file system's arbitrary order and
 * cannot be derived from the names; HELM therefore pins it in a JSON it downloads
 * (`imdb_scenario_pinned_file_order.py`: `{split: {class: [file names]}}` from CodaLab). We download the
 * same JSON — the compact faithful form — rather than shipping 50,000 names.
 */
import { readFile } from 'node:fs/promises';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { pythonStrip, readPythonText } from '../formats/python-text';
import { readTarEntries } from '../formats/tar';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { asRecord, booleanArg, fetchSource, parsingSource } from './source';

export const IMDB_URL = 'https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz';
export const IMDB_PINNED_ORDER_URL =
  'https://worksheets.codalab.org/rest/bundles/0xa75fa6eb8dc24e23a73d3a5ecb674b32/contents/blob/';
export const IMDB_CONTRAST_URL_TEMPLATE =
  'https://raw.githubusercontent.com/allenai/contrast-sets/main/IMDb/data/{file}';

const CLASSES = [
  ['pos', 'Positive'],
  ['neg', 'Negative'],
] as const;
const SPLIT_DIRECTORIES = [
  [TRAIN_SPLIT, 'train'],
  [VALID_SPLIT, 'test'],
] as const;

/** `{split: {class: [file names]}}` as HELM's pinned-order JSON holds it. */
export type ImdbFileOrder = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export function parseImdbFileOrder(json: unknown): ImdbFileOrder {
  const order: Record<string, Record<string, string[]>> = {};
  for (const [split] of SPLIT_DIRECTORIES) {
    const classes = asRecord(asRecord(json, 'pinned order')[split], `pinned order '${split}'`);
    order[split] = {};
    for (const [name] of CLASSES) {
      const files = classes[name];
      if (!Array.isArray(files) || !files.every((file) => typeof file === 'string'))
        throw new Error(`pinned order '${split}.${name}' is not a list of names`);
      // Checked just above: every element is a string.
      (order[split] ?? {})[name] = files as string[];
    }
  }
  return order;
}

/**
 * The original texts of a contrast-set pair of TSVs (`get_contrast_map`): HELM splits each line on tabs
 * without CSV unquoting, so quoted lines keep their quotes and never match a review — we keep that.
 */
export function imdbContrastOriginals(originalTsv: string, contrastTsv: string): Set<string> {
  const originals = readPythonText(originalTsv).split('\n').slice(1);
  const contrasts = readPythonText(contrastTsv).split('\n').slice(1);
  // Python's readlines() yields no entry after a final newline; zip() stops at the shorter list.
  if (originals.at(-1) === '') originals.pop();
  if (contrasts.at(-1) === '') contrasts.pop();
  const keys = new Set<string>();
  const count = Math.min(originals.length, contrasts.length);
  for (let i = 0; i < count; i += 1) {
    const original = pythonStrip(originals[i] ?? '').split('\t');
    const contrast = pythonStrip(contrasts[i] ?? '').split('\t');
    if (original.length !== 2 || contrast.length !== 2)
      throw new Error(`line ${i + 2} does not have 2 tab-separated fields`);
    for (const label of [original[0], contrast[0]]) {
      if (label !== 'Positive' && label !== 'Negative')
        throw new Error(`line ${i + 2}: unknown label '${label ?? ''}'`);
    }
    const context = original[1] ?? '';
    if (keys.has(context)) throw new Error(`line ${i + 2}: duplicate original text`);
    keys.add(context);
  }
  return keys;
}

/** Builds instances from the review texts (keyed `<train|test>/<pos|neg>/<file>`), the pinned order and the contrast originals. */
export function imdbInstances(
  reviews: ReadonlyMap<string, string>,
  order: ImdbFileOrder,
  contrast: ReadonlySet<string>,
  onlyContrast: boolean,
): Instance[] {
  const instances: Instance[] = [];
  for (const [split, directory] of SPLIT_DIRECTORIES) {
    for (const [name, label] of CLASSES) {
      for (const file of order[split]?.[name] ?? []) {
        const review = reviews.get(`${directory}/${name}/${file}`);
        if (review === undefined) throw new Error(`the archive has no ${directory}/${name}/${file}`);
        const text = pythonStrip(review);
        let instanceSplit: string = split;
        if (contrast.has(text))
          instanceSplit = VALID_SPLIT; // evaluated on contrast sets
        else if (onlyContrast && split === VALID_SPLIT) continue;
        instances.push({
          input: { text },
          references: [{ output: { text: label }, tags: [CORRECT_TAG] }],
          split: instanceSplit,
        });
      }
    }
  }
  return instances;
}

export class ImdbScenario implements Scenario {
  readonly name = 'imdb';

  constructor(readonly onlyContrast: boolean) {}

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const archive = await fetchSource(context, this.name, IMDB_URL);
    const orderPath = await fetchSource(context, this.name, IMDB_PINNED_ORDER_URL);
    const order = await parsingSource(this.name, IMDB_PINNED_ORDER_URL, async () =>
      parseImdbFileOrder(JSON.parse(await readFile(orderPath, 'utf8'))),
    );
    const contrast = new Set<string>();
    for (const mode of ['test', 'dev']) {
      const urls = ['original', 'contrast'].map((kind) =>
        IMDB_CONTRAST_URL_TEMPLATE.replace('{file}', `${mode}_${kind}.tsv`),
      );
      const paths: string[] = [];
      for (const url of urls) paths.push(await fetchSource(context, this.name, url));
      const keys = await parsingSource(this.name, urls[0] ?? '', async () =>
        imdbContrastOriginals(await readFile(paths[0] ?? '', 'utf8'), await readFile(paths[1] ?? '', 'utf8')),
      );
      for (const key of keys) contrast.add(key);
    }
    const reviews = new Map<string, string>();
    const pattern = /(?:^|\/)((?:train|test)\/(?:pos|neg)\/[^/]+)$/;
    await parsingSource(this.name, IMDB_URL, () =>
      readTarEntries(archive, {
        gzip: true,
        select: (name) => pattern.test(name),
        onEntry: (name, content) => reviews.set(pattern.exec(name)?.[1] ?? name, readPythonText(content)),
        ...(context.signal ? { signal: context.signal } : {}),
      }),
    );
    return parsingSource(this.name, IMDB_URL, () => imdbInstances(reviews, order, contrast, this.onlyContrast));
  }
}

export const createImdbScenario: ScenarioFactory = (args) => new ImdbScenario(booleanArg(args, 'only_contrast'));
