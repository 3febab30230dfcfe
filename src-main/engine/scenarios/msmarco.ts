/**
 * MS MARCO passage ranking, regular (dev small) and TREC (DL 2019) tracks (`scenarios/msmarco_scenario.py`,
 * v0.3.0; HEAD adds only metadata). Order of work, as HELM's `get_instances`:
 * 1. read every source (HELM reads them whole; we stream them and keep only what is needed);
 * 2. one `random.Random(1885)` shuffles, in turn, all passage ids (in collection order), the train query ids
 *    and the valid query ids (each in file order); a passage's position after the shuffle orders the
 *    passages inside every instance;
 * 3. train: the first 1,000 shuffled train queries that have a qrel of relevance 1 and ≥ 20 top-k rows; each
 *    gives the best qrel passage and the first top-k passage ranked 11–20 that is not gold;
 * 4. valid: every shuffled track query with a gold qrel (1 for regular, 2 or 3 for TREC) and, with
 *    `valid_topk`, ≥ valid_topk top-k rows; its passages are its qrel passages plus its top `valid_topk`.
 * Each passage is a reference tagged `docid=…`, `correct` when gold, `relevance=…` when non-zero and `rank=…`
 * when in the top-k list. Prepared instances are cached in the output directory (the collection is 3 GB).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, toAppErrorData } from '../../../src-shared/errors';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT, type Instance, type Reference } from '../../../src-shared/helm/instance';
import { PythonRandom } from '../rng/python-random';
import type { DownloadProgress, Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { getPair, indexCollection, readIdOffsets, readIdTexts, readQrels, readTopk, type PairsByQuery } from './msmarco-sources';
import { readTsvRecordAt } from './msmarco-tsv';
import { parsingSource, stringArg } from './source';

const CODALAB = (bundle: string): string => `https://worksheets.codalab.org/rest/bundles/${bundle}/contents/blob/`;
const MSMARCO = (file: string): string => `https://msmarco.blob.core.windows.net/msmarcoranking/${file}`;

/** HELM's `DATA_URIS`. */
export const MSMARCO_URLS = {
  documents: CODALAB('0x50d32fc56ad04dd89510bf86f9c1c9d3'),
  train: { queries: MSMARCO('queries.train.tsv'), qrels: MSMARCO('qrels.train.tsv'), topk: CODALAB('0x8c43d4ec02ea48d6a727683a9676b77b') },
  regular: { queries: CODALAB('0xf5ccf54707b548f9a4c43502c6f15719'), qrels: MSMARCO('qrels.dev.small.tsv'), topk: CODALAB('0xbc3dfacb2b7746809e582ee01fa5fe70') },
  trec: { queries: MSMARCO('msmarco-test2019-queries.tsv.gz'), qrels: 'https://trec.nist.gov/data/deep/2019qrels-pass.txt', topk: CODALAB('0x2e80572f93b748d594b817249013bdac') },
} as const;

export type MsmarcoTrack = 'regular' | 'trec';
const GOLD_RELATIONS: Readonly<Record<MsmarcoTrack | 'train', ReadonlySet<number>>> = { train: new Set([1]), regular: new Set([1]), trec: new Set([2, 3]) };
const NUM_TRAIN_QUERIES = 1000;
const TRAIN_TOPK = 20;
const MIN_WRONG_TOPK = 11;
const MIN_TOPK = 11;
const MAX_VALID_TOPK = 1000;

interface Skeleton {
  readonly qid: number;
  readonly query: string;
  readonly split: string;
  docids: number[];
}

export class MsmarcoScenario implements Scenario {
  readonly name = 'msmarco';

  constructor(readonly track: MsmarcoTrack, readonly validTopk: number | null) {
    if (validTopk !== null && !(validTopk >= MIN_TOPK && validTopk <= MAX_VALID_TOPK)) {
      throw new AppError({ code: 'scenario.bad-args', message: `Scenario msmarco: valid_topk must be between ${MIN_TOPK} and ${MAX_VALID_TOPK}.` });
    }
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const cachePath = join(context.outputDir, `msmarco-${this.track}-valid_topk=${this.validTopk ?? 'None'}.json`);
    const cached = await readFile(cachePath, 'utf8').catch(() => null);
    // Written below by this class from Instance values.
    if (cached !== null) return JSON.parse(cached) as Instance[];
    const instances = await this.prepare(context);
    await mkdir(context.outputDir, { recursive: true });
    await writeFile(`${cachePath}.tmp`, JSON.stringify(instances));
    await rename(`${cachePath}.tmp`, cachePath);
    return instances;
  }

  private async prepare(context: ScenarioContext): Promise<Instance[]> {
    const urls = MSMARCO_URLS[this.track];
    const read = <T>(url: string, what: string, parse: (path: string) => Promise<T>): Promise<T> =>
      this.fetch(context, url).then((path) => {
        context.onProgress?.(`${this.name}: reading ${what}`);
        return parsingSource(this.name, url, () => parse(path));
      });
    const progress = (what: string) => ({
      ...(context.signal ? { signal: context.signal } : {}),
      onProgress: (bytes: number, total: number) => context.onProgress?.(`${this.name}: reading ${what} ${Math.floor((100 * bytes) / Math.max(total, 1))}%`),
    });
    const collectionPath = await this.fetch(context, MSMARCO_URLS.documents);
    context.onProgress?.(`${this.name}: indexing the passage collection`);
    const collection = await parsingSource(this.name, MSMARCO_URLS.documents, () => indexCollection(collectionPath, progress('the passage collection')));
    const trainQueryPath = await this.fetch(context, MSMARCO_URLS.train.queries);
    const trainQueries = await parsingSource(this.name, MSMARCO_URLS.train.queries, () => readIdOffsets(trainQueryPath, 'train queries', progress('train queries')));
    const trainQrels = await read(MSMARCO_URLS.train.qrels, 'train qrels', (path) => readQrels(path, 'train qrels', progress('train qrels')));
    const trainTopkPath = await this.fetch(context, MSMARCO_URLS.train.topk);
    const trainTopkCounts = await parsingSource(this.name, MSMARCO_URLS.train.topk, () => readTopk(trainTopkPath, 'train top-k', () => false, progress('train top-k')));
    const validQueries = await read(urls.queries, `${this.track} queries`, (path) => readIdTexts(path, `${this.track} queries`));
    const validQrels = await read(urls.qrels, `${this.track} qrels`, (path) => readQrels(path, `${this.track} qrels`, { spaceIsDelimiter: this.track === 'trec' }));
    const topk = this.validTopk;
    const validTopk = await read(urls.topk, `${this.track} top-k`, (path) =>
      readTopk(path, `${this.track} top-k`, (qid, docid, rank) => (topk !== null && rank <= topk) || getPair(validQrels, qid, docid) !== undefined, progress(`${this.track} top-k`)),
    );

    // shuffle_ids: the same generator, in this order.
    const random = new PythonRandom(1885);
    const shuffled = Int32Array.from(collection.docids);
    for (let i = shuffled.length - 1; i >= 1; i--) {
      const j = random.randbelow(i + 1);
      const swap = shuffled[i] as number;
      shuffled[i] = shuffled[j] as number;
      shuffled[j] = swap;
    }
    const trainQids = random.shuffle([...trainQueries.keys()]);
    const validQids = random.shuffle([...validQueries.keys()]);

    const hasGold = (qrels: PairsByQuery, qid: number, gold: ReadonlySet<number>): boolean => {
      const pairs = qrels.get(qid) ?? [];
      for (let i = 1; i < pairs.length; i += 2) if (gold.has(pairs[i] as number)) return true;
      return false;
    };
    const selectedTrain = trainQids
      .filter((qid) => hasGold(trainQrels, qid, GOLD_RELATIONS.train) && (trainTopkCounts.counts.get(qid) ?? 0) >= TRAIN_TOPK)
      .slice(0, NUM_TRAIN_QUERIES);
    const selectedTrainSet = new Set(selectedTrain);
    const trainTopk = (
      await parsingSource(this.name, MSMARCO_URLS.train.topk, () => readTopk(trainTopkPath, 'train top-k', (qid) => selectedTrainSet.has(qid), progress('train top-k')))
    ).kept;
    const selectedValid = validQids.filter(
      (qid) => hasGold(validQrels, qid, GOLD_RELATIONS[this.track]) && (topk === null || (validTopk.counts.get(qid) ?? 0) >= topk),
    );

    const skeletons: Skeleton[] = [];
    for (const qid of selectedTrain) {
      const qrels = trainQrels.get(qid) ?? [];
      // sorted(qrels docids, key=rel, reverse=True)[0]: the first docid with the highest relevance.
      let correct = qrels[0] as number;
      for (let i = 2; i < qrels.length; i += 2) if ((qrels[i + 1] as number) > (getPair(trainQrels, qid, correct) ?? 0)) correct = qrels[i] as number;
      const rows = trainTopk.get(qid) ?? [];
      let wrong: number | undefined;
      for (let i = 0; i < rows.length && wrong === undefined; i += 2) {
        const [docid, rank] = [rows[i] as number, rows[i + 1] as number];
        const rel = getPair(trainQrels, qid, docid);
        if (rank >= MIN_WRONG_TOPK && rank <= TRAIN_TOPK && (rel === undefined || !GOLD_RELATIONS.train.has(rel))) wrong = docid;
      }
      if (wrong === undefined) throw new Error(`train query ${qid} has no non-relevant passage ranked ${MIN_WRONG_TOPK}–${TRAIN_TOPK}`);
      skeletons.push({ qid, query: '', split: TRAIN_SPLIT, docids: [correct, wrong] });
    }
    for (const qid of selectedValid) {
      const qrelDocids = (validQrels.get(qid) ?? []).filter((_, i) => i % 2 === 0);
      const rows = validTopk.kept.get(qid) ?? [];
      const topDocids = topk === null ? [] : rows.filter((_, i) => i % 2 === 0 && (rows[i + 1] as number) <= topk);
      skeletons.push({ qid, query: validQueries.get(qid) ?? '', split: VALID_SPLIT, docids: [...new Set([...qrelDocids, ...topDocids])] });
    }
    return parsingSource(this.name, MSMARCO_URLS.documents, () =>
      this.build(skeletons, { collectionPath, collection, shuffled, trainQueryPath, trainQueries, trainQrels, trainTopk, validQrels, validTopk: validTopk.kept }),
    );
  }

  /** Orders each instance's passages by shuffled position, reads the texts and tags the references. */
  private build(skeletons: Skeleton[], data: BuildData): Instance[] {
    const needed = new Set(skeletons.flatMap((skeleton) => skeleton.docids));
    const position = new Map<number, number>();
    data.shuffled.forEach((docid, index) => {
      if (needed.has(docid)) position.set(docid, index);
    });
    const offset = new Map<number, number>();
    data.collection.docids.forEach((docid, index) => {
      if (needed.has(docid)) offset.set(docid, data.collection.offsets[index] as number);
    });
    const texts = new Map<number, string>();
    for (const docid of needed) {
      const at = offset.get(docid);
      if (at === undefined) throw new Error(`passage ${docid} is not in the collection`);
      const fields = readTsvRecordAt(data.collectionPath, at);
      if (fields.length !== 2) throw new Error(`collection row of passage ${docid} has ${fields.length} fields`);
      texts.set(docid, fields[1] ?? '');
    }
    return skeletons.map((skeleton) => {
      const isTrain = skeleton.split === TRAIN_SPLIT;
      const qrels = isTrain ? data.trainQrels : data.validQrels;
      const topk = isTrain ? data.trainTopk : data.validTopk;
      const gold = isTrain ? GOLD_RELATIONS.train : GOLD_RELATIONS[this.track];
      const query = isTrain ? readTsvRecordAt(data.trainQueryPath, data.trainQueries.get(skeleton.qid) ?? 0)[1] ?? '' : skeleton.query;
      const docids = [...skeleton.docids].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
      const references = docids.map((docid): Reference => {
        const rel = getPair(qrels, skeleton.qid, docid);
        const rank = getPair(topk, skeleton.qid, docid);
        const tags = [`docid=${docid}`];
        if (rel !== undefined && gold.has(rel)) tags.push(CORRECT_TAG);
        if (rel) tags.push(`relevance=${rel}`);
        if (rank) tags.push(`rank=${rank}`);
        return { output: { text: texts.get(docid) ?? '' }, tags };
      });
      return { input: { text: query }, references, split: skeleton.split };
    });
  }

  /** Downloads through the fetcher, reporting download progress; failures name the scenario and the URL. */
  private async fetch(context: ScenarioContext, url: string): Promise<string> {
    context.signal?.throwIfAborted();
    context.onProgress?.(`${this.name}: fetching ${url}`);
    let lastPercent = -1;
    const onProgress = (progress: DownloadProgress): void => {
      if (progress.totalBytes === null) return;
      const percent = Math.floor((100 * progress.bytes) / Math.max(progress.totalBytes, 1));
      if (percent === lastPercent) return;
      lastPercent = percent;
      context.onProgress?.(`${this.name}: downloading ${url} ${percent}% of ${(progress.totalBytes / 1e6).toFixed(1)} MB`);
    };
    try {
      return await context.fetcher.fetch(url, { ...(context.signal ? { signal: context.signal } : {}), onProgress });
    } catch (error) {
      if (context.signal?.aborted) throw error;
      const data = toAppErrorData(error);
      throw new AppError({
        code: 'scenario.source-missing',
        message: `Scenario ${this.name}: could not download ${url}.`,
        cause: data.cause ?? data.message,
        hint: 'Check the network or the mirror setting; the file must be reachable at this URL or its mirror.',
      });
    }
  }
}

interface BuildData {
  readonly collectionPath: string;
  readonly collection: { readonly docids: Int32Array; readonly offsets: Float64Array };
  readonly shuffled: Int32Array;
  readonly trainQueryPath: string;
  readonly trainQueries: Map<number, number>;
  readonly trainQrels: PairsByQuery;
  readonly trainTopk: PairsByQuery;
  readonly validQrels: PairsByQuery;
  readonly validTopk: PairsByQuery;
}

/** Args as HELM's spec: `track` (`regular` | `trec`) and `valid_topk` (int or None). */
export const createMsmarcoScenario: ScenarioFactory = (args) => {
  const track = stringArg('msmarco', args, 'track', ['regular', 'trec']) as MsmarcoTrack; // checked against the list
  const raw = args['valid_topk'];
  const validTopk = raw === undefined || raw === null ? null : Number(raw);
  if (validTopk !== null && !Number.isInteger(validTopk)) {
    throw new AppError({ code: 'scenario.bad-args', message: `Scenario msmarco: valid_topk must be an integer, got ${JSON.stringify(raw)}.` });
  }
  return new MsmarcoScenario(track, validTopk);
};
