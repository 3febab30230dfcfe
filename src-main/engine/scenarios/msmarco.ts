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
import { closeSync, createReadStream, createWriteStream, openSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import {
  CORRECT_TAG,
  TRAIN_SPLIT,
  VALID_SPLIT,
  type Instance,
  type Reference,
} from '../../../src-shared/helm/instance';
import { isFile } from '../download/partial-file';
import { PythonRandom } from '../rng/python-random';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchWithProgress } from './fetch-with-progress';
import {
  indexIdColumn,
  readIdTexts,
  readQrels,
  readTopk,
  type IdOffsetIndex,
  type PairsByQuery,
} from './msmarco-sources';
import { readTsvRecordAtFd } from './msmarco-tsv';
import { parsingSource, sourceFormatError, stringArg } from './source';

const CODALAB = (bundle: string): string => `https://worksheets.codalab.org/rest/bundles/${bundle}/contents/blob/`;
const MSMARCO = (file: string): string => `https://msmarco.blob.core.windows.net/msmarcoranking/${file}`;

/** HELM's `DATA_URIS`. */
export const MSMARCO_URLS = {
  documents: CODALAB('0x50d32fc56ad04dd89510bf86f9c1c9d3'),
  train: {
    queries: MSMARCO('queries.train.tsv'),
    qrels: MSMARCO('qrels.train.tsv'),
    topk: CODALAB('0x8c43d4ec02ea48d6a727683a9676b77b'),
  },
  regular: {
    queries: CODALAB('0xf5ccf54707b548f9a4c43502c6f15719'),
    qrels: MSMARCO('qrels.dev.small.tsv'),
    topk: CODALAB('0xbc3dfacb2b7746809e582ee01fa5fe70'),
  },
  trec: {
    queries: MSMARCO('msmarco-test2019-queries.tsv.gz'),
    qrels: 'https://trec.nist.gov/data/deep/2019qrels-pass.txt',
    topk: CODALAB('0x2e80572f93b748d594b817249013bdac'),
  },
} as const;

export type MsmarcoTrack = 'regular' | 'trec';
const GOLD_RELATIONS: Readonly<Record<MsmarcoTrack | 'train', ReadonlySet<number>>> = {
  train: new Set([1]),
  regular: new Set([1]),
  trec: new Set([2, 3]),
};
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

  constructor(
    readonly track: MsmarcoTrack,
    readonly validTopk: number | null,
  ) {
    if (validTopk !== null && !(validTopk >= MIN_TOPK && validTopk <= MAX_VALID_TOPK)) {
      throw new AppError({
        code: 'scenario.bad-args',
        message: `Scenario msmarco: valid_topk must be between ${MIN_TOPK} and ${MAX_VALID_TOPK}.`,
      });
    }
  }

  /** None once the instances are prepared; else the collection, the train files and this track's files. */
  async sources(context: Pick<ScenarioContext, 'outputDir'>): Promise<readonly string[]> {
    if (await isFile(this.cachePath(context))) return [];
    const track = MSMARCO_URLS[this.track];
    const train = MSMARCO_URLS.train;
    return [MSMARCO_URLS.documents, train.queries, train.qrels, train.topk, track.queries, track.qrels, track.topk];
  }

  private cachePath(context: Pick<ScenarioContext, 'outputDir'>): string {
    return join(context.outputDir, `msmarco-${this.track}-valid_topk=${this.validTopk ?? 'None'}.jsonl`);
  }

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    // One instance per line, so neither writing nor reading the cache holds a second copy of all the texts.
    const cachePath = this.cachePath(context);
    if (await isFile(cachePath)) {
      const instances: Instance[] = [];
      const lines = createInterface({ input: createReadStream(cachePath, { encoding: 'utf8' }), crlfDelay: Infinity });
      // Written below by this class, one Instance per line.
      for await (const line of lines) if (line !== '') instances.push(JSON.parse(line) as Instance);
      return instances;
    }
    const instances = await this.prepare(context);
    await mkdir(context.outputDir, { recursive: true });
    const out = createWriteStream(`${cachePath}.tmp`);
    for (const instance of instances) if (!out.write(`${JSON.stringify(instance)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    await rename(`${cachePath}.tmp`, cachePath);
    return instances;
  }

  /** Selection first, then texts: the multi-hundred-MB id tables of `select` are garbage before `build` runs. */
  private async prepare(context: ScenarioContext): Promise<Instance[]> {
    const { skeletons, data } = await this.select(context);
    return parsingSource(this.name, MSMARCO_URLS.documents, () => this.build(skeletons, data));
  }

  private async select(context: ScenarioContext): Promise<{ skeletons: Skeleton[]; data: BuildData }> {
    const urls = MSMARCO_URLS[this.track];
    const read = <T>(url: string, what: string, parse: (path: string) => Promise<T>): Promise<T> =>
      this.fetch(context, url).then((path) => {
        context.onProgress?.(`${this.name}: reading ${what}`);
        return parsingSource(this.name, url, () => parse(path));
      });
    const progress = (what: string) => ({
      ...(context.signal ? { signal: context.signal } : {}),
      onProgress: (bytes: number, total: number) =>
        context.onProgress?.(`${this.name}: reading ${what} ${Math.floor((100 * bytes) / Math.max(total, 1))}%`),
    });
    const collectionPath = await this.fetch(context, MSMARCO_URLS.documents);
    context.onProgress?.(`${this.name}: indexing the passage collection`);
    const collection = await parsingSource(this.name, MSMARCO_URLS.documents, () =>
      indexIdColumn(collectionPath, 'collection', progress('the passage collection')),
    );
    const trainQueryPath = await this.fetch(context, MSMARCO_URLS.train.queries);
    const trainQueries = await parsingSource(this.name, MSMARCO_URLS.train.queries, () =>
      indexIdColumn(trainQueryPath, 'train queries', progress('train queries')),
    );
    const trainQrels = await read(MSMARCO_URLS.train.qrels, 'train qrels', (path) =>
      readQrels(path, 'train qrels', progress('train qrels')),
    );
    const trainTopkPath = await this.fetch(context, MSMARCO_URLS.train.topk);
    const trainTopkCounts = await parsingSource(this.name, MSMARCO_URLS.train.topk, () =>
      readTopk(trainTopkPath, 'train top-k', () => false, progress('train top-k')),
    );
    const validQueries = await read(urls.queries, `${this.track} queries`, (path) =>
      readIdTexts(path, `${this.track} queries`),
    );
    const validQrels = await read(urls.qrels, `${this.track} qrels`, (path) =>
      readQrels(path, `${this.track} qrels`, { spaceIsDelimiter: this.track === 'trec' }),
    );
    const topk = this.validTopk;
    const validTopk = await read(urls.topk, `${this.track} top-k`, (path) =>
      readTopk(
        path,
        `${this.track} top-k`,
        (qid, docid, rank) => (topk !== null && rank <= topk) || validQrels.get(qid, docid) !== undefined,
        progress(`${this.track} top-k`),
      ),
    );

    // shuffle_ids: the same generator, in this order.
    const random = new PythonRandom(1885);
    // The offsets move with their ids, so no copy of the 9 M-entry table is needed.
    const { ids: shuffled, offsets: shuffledOffsets } = collection;
    for (let i = shuffled.length - 1; i >= 1; i--) {
      const j = random.randbelow(i + 1);
      const swap = shuffled[i] as number;
      shuffled[i] = shuffled[j] as number;
      shuffled[j] = swap;
      const offset = shuffledOffsets[i] as number;
      shuffledOffsets[i] = shuffledOffsets[j] as number;
      shuffledOffsets[j] = offset;
    }
    const trainQids = random.shuffle(Array.from(trainQueries.ids));
    const validQids = random.shuffle([...validQueries.keys()]);

    const hasGold = (qrels: PairsByQuery, qid: number, gold: ReadonlySet<number>): boolean => {
      for (const [, rel] of qrels.pairs(qid)) if (gold.has(rel)) return true;
      return false;
    };
    const selectedTrain = trainQids
      .filter((qid) => hasGold(trainQrels, qid, GOLD_RELATIONS.train) && trainTopkCounts.counts.get(qid) >= TRAIN_TOPK)
      .slice(0, NUM_TRAIN_QUERIES);
    const selectedTrainSet = new Set(selectedTrain);
    const trainTopk = (
      await parsingSource(this.name, MSMARCO_URLS.train.topk, () =>
        readTopk(trainTopkPath, 'train top-k', (qid) => selectedTrainSet.has(qid), progress('train top-k')),
      )
    ).kept;
    const selectedValid = validQids.filter(
      (qid) =>
        hasGold(validQrels, qid, GOLD_RELATIONS[this.track]) && (topk === null || validTopk.counts.get(qid) >= topk),
    );

    const skeletons: Skeleton[] = [];
    for (const qid of selectedTrain) {
      // sorted(qrels docids, key=rel, reverse=True)[0]: the first docid with the highest relevance.
      let correct = -1;
      let best = Number.NEGATIVE_INFINITY;
      for (const [docid, rel] of trainQrels.pairs(qid)) {
        if (rel > best) [correct, best] = [docid, rel];
      }
      let wrong: number | undefined;
      for (const [docid, rank] of trainTopk.pairs(qid)) {
        const rel = trainQrels.get(qid, docid);
        if (rank >= MIN_WRONG_TOPK && rank <= TRAIN_TOPK && (rel === undefined || !GOLD_RELATIONS.train.has(rel))) {
          wrong = docid;
          break;
        }
      }
      if (wrong === undefined)
        throw sourceFormatError(
          this.name,
          MSMARCO_URLS.train.topk,
          `train query ${qid} has no non-relevant passage ranked ${MIN_WRONG_TOPK}–${TRAIN_TOPK}`,
        );
      skeletons.push({ qid, query: '', split: TRAIN_SPLIT, docids: [correct, wrong] });
    }
    for (const qid of selectedValid) {
      const qrelDocids = [...validQrels.pairs(qid)].map(([docid]) => docid);
      const topDocids =
        topk === null ? [] : [...validTopk.kept.pairs(qid)].filter(([, rank]) => rank <= topk).map(([docid]) => docid);
      skeletons.push({
        qid,
        query: validQueries.get(qid) ?? '',
        split: VALID_SPLIT,
        docids: [...new Set([...qrelDocids, ...topDocids])],
      });
    }
    const needed = new Set(skeletons.flatMap((skeleton) => skeleton.docids));
    const position = new Map<number, number>();
    shuffled.forEach((docid, index) => {
      if (needed.has(docid)) position.set(docid, index);
    });
    const textOffsets = offsetsOf(collection, needed);
    for (const docid of needed)
      if (!textOffsets.has(docid))
        throw sourceFormatError(this.name, MSMARCO_URLS.documents, `passage ${docid} is not in the collection`);
    const queryOffsets = offsetsOf(trainQueries, selectedTrainSet);
    return {
      skeletons,
      data: {
        collectionPath,
        position,
        textOffsets,
        trainQueryPath,
        queryOffsets,
        trainQrels,
        trainTopk,
        validQrels,
        validTopk: validTopk.kept,
      },
    };
  }

  /** Orders each instance's passages by shuffled position, reads the texts and tags the references. */
  private build(skeletons: Skeleton[], data: BuildData): Instance[] {
    const { position } = data;
    const texts = readTexts(data.collectionPath, data.textOffsets, 'collection');
    const queries = readTexts(data.trainQueryPath, data.queryOffsets, 'train queries');
    return skeletons.map((skeleton) => {
      const isTrain = skeleton.split === TRAIN_SPLIT;
      const qrels = isTrain ? data.trainQrels : data.validQrels;
      const topk = isTrain ? data.trainTopk : data.validTopk;
      const gold = isTrain ? GOLD_RELATIONS.train : GOLD_RELATIONS[this.track];
      const query = isTrain ? (queries.get(skeleton.qid) ?? '') : skeleton.query;
      const docids = [...skeleton.docids].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
      const references = docids.map((docid): Reference => {
        const rel = qrels.get(skeleton.qid, docid);
        const rank = topk.get(skeleton.qid, docid);
        const tags = [`docid=${docid}`];
        if (rel !== undefined && gold.has(rel)) tags.push(CORRECT_TAG);
        if (rel) tags.push(`relevance=${rel}`);
        if (rank) tags.push(`rank=${rank}`);
        return { output: { text: texts.get(docid) ?? '' }, tags };
      });
      return { input: { text: query }, references, split: skeleton.split };
    });
  }

  private fetch(context: ScenarioContext, url: string): Promise<string> {
    return fetchWithProgress(context, this.name, url);
  }
}

/** The text column of the rows at `offsets` (id → byte offset), read in file order through one descriptor. */
function readTexts(path: string, offsets: ReadonlyMap<number, number>, what: string): Map<number, string> {
  const texts = new Map<number, string>();
  const fd = openSync(path, 'r');
  try {
    for (const [id, at] of [...offsets].sort((a, b) => a[1] - b[1])) {
      const fields = readTsvRecordAtFd(fd, at);
      if (fields.length !== 2) throw new Error(`${what}: the row of ${id} has ${fields.length} fields`);
      texts.set(id, fields[1] ?? '');
    }
  } finally {
    closeSync(fd);
  }
  return texts;
}

/** Byte offsets of the `wanted` ids of an index. */
function offsetsOf(index: IdOffsetIndex, wanted: ReadonlySet<number>): Map<number, number> {
  const offsets = new Map<number, number>();
  index.ids.forEach((id, i) => {
    if (wanted.has(id)) offsets.set(id, index.offsets[i] as number);
  });
  return offsets;
}

interface BuildData {
  readonly collectionPath: string;
  /** Passage id → its position after the seeded shuffle (HELM's `docid_index_dict`), for the needed passages. */
  readonly position: ReadonlyMap<number, number>;
  readonly textOffsets: ReadonlyMap<number, number>;
  readonly trainQueryPath: string;
  readonly queryOffsets: ReadonlyMap<number, number>;
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
    throw new AppError({
      code: 'scenario.bad-args',
      message: `Scenario msmarco: valid_topk must be an integer, got ${JSON.stringify(raw)}.`,
    });
  }
  return new MsmarcoScenario(track, validTopk);
};
