/**
 * MS MARCO fixtures for both tracks, at HELM's URLs (`DATA_URIS` of `msmarco_scenario.py`): the passage collection
 * `pid\tpassage`; queries `qid\tquery` (TREC's gzipped, as `msmarco-test2019-queries.tsv.gz`); qrels
 * `qid\t0\tpid\trel` (TREC's `2019qrels-pass.txt` space-separated `qid Q0 pid rel`); top-k files
 * `qid\tpid\trank`. 60 passages are shared by every list. Train: 6 queries with a relevant passage and 25
 * top-k rows; each track: 12 queries with exactly 30 top-k rows (the run entries' `valid_topk=30`) whose gold
 * passages are inside the top 30, so each evaluated query costs 30 requests.
 */
import { gzipSync } from 'node:zlib';
import { MSMARCO_URLS } from '../../engine/scenarios/msmarco';
import type { FixtureFile, FixtureSource } from './common';
import { FixtureText, utf8 } from './common';

const PASSAGES = 60;
const pid = (k: number): number => 7067000 + 7 * k;

/** 30 (or `count`) distinct passage indexes for query `q`, a rotation with a query-specific stride. */
function ranking(q: number, count: number): number[] {
  const stride = [1, 7, 11, 13, 17, 19, 23, 29][q % 8] ?? 1;
  return Array.from({ length: count }, (_, r) => (q * 5 + r * stride) % PASSAGES);
}

const lines = (rows: readonly (readonly (string | number)[])[], separator = '\t'): Buffer =>
  utf8(rows.map((row) => `${row.join(separator)}\n`).join(''));

export const msmarcoSource: FixtureSource = {
  scenarios: ['msmarco'],
  async files() {
    const text = new FixtureText(121);
    const collection = Array.from({ length: PASSAGES }, (_, k) => [pid(k), text.sentence()] as const);
    const query = (): string => `what did ${text.name().toLowerCase()} see near ${text.phrase()}`;

    const trainQueries = Array.from({ length: 6 }, (_, i) => [1185869 + i * 3, query()] as const);
    const trainQrels = trainQueries.map(([qid], i) => [qid, 0, pid(ranking(i, 1)[0] ?? 0), 1] as const);
    const trainTopk = trainQueries.flatMap(([qid], i) => ranking(i, 25).map((k, r) => [qid, pid(k), r + 1] as const));

    const track = (base: number, offset: number) => {
      const queries = Array.from({ length: 12 }, (_, i) => [base + i * 11, query()] as const);
      const topk = queries.flatMap(([qid], i) => ranking(i + offset, 30).map((k, r) => [qid, pid(k), r + 1] as const));
      return { queries, topk };
    };
    const regular = track(300674, 6);
    const regularQrels = regular.queries.map(([qid], i) => [qid, 0, pid(ranking(i + 6, 30)[i % 5] ?? 0), 1] as const);
    const trec = track(156493, 18);
    // TREC judgements: graded 0–3, several per query, at least one ≥ 2 (gold).
    const trecQrels = trec.queries.flatMap(([qid], i) =>
      ranking(i + 18, 30)
        .slice(0, 5)
        .map((k, j) => [qid, 'Q0', pid(k), [3, 0, 2, 1, 0][(i + j) % 5] ?? 0] as const),
    );

    const files: FixtureFile[] = [
      { url: MSMARCO_URLS.documents, data: lines(collection) },
      { url: MSMARCO_URLS.train.queries, data: lines(trainQueries) },
      { url: MSMARCO_URLS.train.qrels, data: lines(trainQrels) },
      { url: MSMARCO_URLS.train.topk, data: lines(trainTopk) },
      { url: MSMARCO_URLS.regular.queries, data: lines(regular.queries) },
      { url: MSMARCO_URLS.regular.qrels, data: lines(regularQrels) },
      { url: MSMARCO_URLS.regular.topk, data: lines(regular.topk) },
      { url: MSMARCO_URLS.trec.queries, data: gzipSync(lines(trec.queries)) },
      { url: MSMARCO_URLS.trec.qrels, data: lines(trecQrels, ' ') },
      { url: MSMARCO_URLS.trec.topk, data: lines(trec.topk) },
    ];
    return files;
  },
};
