/**
 * HELM's RankingMetric (`metrics/ranking_metrics.py`, v0.3.0 = HEAD in behaviour) for `ranking_binary`:
 * the passages of one query are ordered by the model's answer (`yes` before `no` before anything else, after
 * `strip().lower()`), then by the answer's log-probability (higher first for `yes`, lower first otherwise);
 * the k-th of n passages gets model relevance n − k. The measures are trec_eval's, as pytrec_eval computes
 * them, re-implemented here:
 * - `recip_rank.k` (HELM's own cut: the run is limited to its k best passages first), `success.k`,
 *   `recall.k`: binary relevance, a passage is relevant when its qrel is ≥ 1; with graded qrels
 *   (`multiple_relevance_values`, TREC) HELM first maps relevance 1 to 0 (`binarize_dict`);
 * - `ndcg_cut.k`: graded gains, DCG = Σ gain_i / log2(i + 2) over the top k, ideal DCG from the qrels.
 * Qrels hold only passages with a non-zero `relevance=` tag. With `rank`, every measure is computed again on
 * the passages whose `rank=` tag is ≤ rank, named with the suffix ` (topk=<rank>)`. Each passage also gets
 * `ref<i>_rank` (its 0-based position in the model's order).
 */
import type { RequestState } from '../../../src-shared/helm/request';
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import { AppError } from '../../../src-shared/errors';
import type { Metric, MetricFactory } from '../types';
import { instanceContext, statOf, withContext } from './stat-values';

const SUPPORTED = ['recip_rank', 'success', 'recall', 'ndcg_cut'] as const;
const BINARY_MEASURES = new Set(['recip_rank', 'recall', 'success']);
const METRIC_NAMES: Readonly<Record<string, string>> = { ndcg_cut: 'NDCG', recip_rank: 'RR' };

/** RankingMetric's spec args (`get_msmarco_metric_specs`). */
export interface RankingMetricOptions {
  readonly measureNames: readonly string[];
  readonly correctOutput: string;
  readonly wrongOutput: string;
  readonly rank: number | null;
  readonly multipleRelevanceValues: boolean;
}

interface RankingObject {
  readonly referenceIndex: number;
  readonly relevance: number | null;
  readonly rank: number | null;
  readonly output: string;
  readonly logprob: number;
  modelRelevance: number;
}

/** `measure_to_metric_name`: `ndcg_cut.10` → `NDCG@10`, `recip_rank.10` → `RR@10`, `success.1` → `Success@1`. */
export function measureToMetricName(measure: string): string {
  const [name = '', k] = measure.split('.');
  const base = METRIC_NAMES[name] ?? name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
  return k ? `${base}@${k}` : base;
}

/** A run: passage key → model relevance; qrels: passage key → true relevance. */
type Relevances = ReadonlyMap<number, number>;

/** The run's passages from best to worst score (scores are distinct model relevances). */
function rankedPassages(run: Relevances): number[] {
  return [...run.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([key]) => key);
}

/** One trec_eval measure (`recip_rank`, `success.k`, `recall.k`, `ndcg_cut.k`) for one query. */
export function trecMeasure(measure: string, k: number | null, qrels: Relevances, run: Relevances): number {
  const ranked = rankedPassages(run);
  const cutoff = k ?? ranked.length;
  const top = ranked.slice(0, cutoff);
  const relevant = (key: number): boolean => (qrels.get(key) ?? 0) >= 1;
  const numRelevant = [...qrels.values()].filter((rel) => rel >= 1).length;
  switch (measure) {
    case 'recip_rank': {
      const index = ranked.findIndex(relevant);
      return index < 0 ? 0 : 1 / (index + 1);
    }
    case 'success':
      return top.some(relevant) ? 1 : 0;
    case 'recall':
      return numRelevant === 0 ? 0 : top.filter(relevant).length / numRelevant;
    case 'ndcg_cut': {
      const gain = (rel: number): number => Math.max(0, rel);
      const dcg = top.reduce((sum, key, i) => sum + gain(qrels.get(key) ?? 0) / Math.log2(i + 2), 0);
      const ideal = [...qrels.values()]
        .map(gain)
        .sort((a, b) => b - a)
        .slice(0, cutoff);
      const idcg = ideal.reduce((sum, rel, i) => sum + rel / Math.log2(i + 2), 0);
      return idcg === 0 ? 0 : dcg / idcg;
    }
    default:
      throw new Error(`unsupported ranking measure ${measure}`);
  }
}

function tagValue(tags: readonly string[], key: string): number | null {
  // HELM matches the first tag containing "relevance" / (else) "rank" and int()s its value.
  for (const tag of tags) {
    if (tag.includes('relevance')) {
      if (key === 'relevance') return Number.parseInt(tag.split('=')[1] ?? '', 10);
    } else if (tag.includes('rank')) {
      if (key === 'rank') return Number.parseInt(tag.split('=')[1] ?? '', 10);
    }
  }
  return null;
}

export class RankingMetric implements Metric {
  readonly name = 'ranking';

  constructor(readonly options: RankingMetricOptions) {
    for (const measure of options.measureNames) {
      const name = measure.split('.')[0] ?? '';
      if (!(SUPPORTED as readonly string[]).includes(name)) {
        throw new AppError({
          code: 'metric.invalid_args',
          message: `RankingMetric: unsupported measure '${measure}'.`,
        });
      }
    }
  }

  /** `object_to_score_binary_ranking` as a sort key (compared descending). */
  private score(object: RankingObject): [number, number] {
    const output = object.output.trim().toLowerCase();
    if (output === this.options.correctOutput.trim().toLowerCase()) return [2, object.logprob];
    if (output === this.options.wrongOutput.trim().toLowerCase()) return [1, -object.logprob];
    return [0, -object.logprob];
  }

  /** `compute_model_relevance_binary_ranking`: Python's stable `sorted(…, reverse=True)`. */
  private assignModelRelevance(objects: RankingObject[]): RankingObject[] {
    // sorted(reverse=True) keeps equal keys in their original order, like a stable descending sort.
    const sorted = [...objects].sort((a, b) => {
      const [ga, la] = this.score(a);
      const [gb, lb] = this.score(b);
      return gb - ga || lb - la;
    });
    sorted.forEach((object, i) => (object.modelRelevance = sorted.length - i));
    return sorted;
  }

  private measures(qrels: Relevances, run: Relevances, suffix: string): Stat[] {
    return this.options.measureNames.map((measure) => {
      const [name = '', kText] = measure.split('.');
      const k = kText === undefined ? null : Number.parseInt(kText, 10);
      let trueRelevances = qrels;
      if (BINARY_MEASURES.has(name) && this.options.multipleRelevanceValues) {
        trueRelevances = new Map([...qrels].map(([key, rel]) => [key, rel === 1 ? 0 : rel]));
      }
      let runRelevances = run;
      if (name === 'recip_rank' && k) {
        // limit_relevance_dict: the k highest model relevances, then plain recip_rank.
        runRelevances = new Map([...run.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.min(run.size, k)));
      }
      const value = trecMeasure(name, name === 'recip_rank' ? null : k, trueRelevances, runRelevances);
      return statOf(measureToMetricName(measure) + suffix, value);
    });
  }

  evaluateInstance(_adapterSpec: AdapterSpec, requestStates: readonly RequestState[]): Stat[] {
    const first = requestStates[0];
    if (first === undefined) return [];
    const objects: RankingObject[] = requestStates.map((state) => {
      const index = state.reference_index;
      const reference = index === null || index === undefined ? undefined : state.instance.references[index];
      if (index === null || index === undefined || reference === undefined) {
        throw new AppError({
          code: 'metric.invalid_state',
          message: 'RankingMetric needs one request per reference (ranking_binary).',
        });
      }
      const completion = state.result?.completions[0];
      return {
        referenceIndex: index,
        relevance: tagValue(reference.tags, 'relevance'),
        rank: tagValue(reference.tags, 'rank'),
        // HELM's MISSING_RESULT_TEXT with logprob 0 when there is no completion.
        output: completion?.text ?? 'missing',
        logprob: completion?.logprob ?? 0,
        modelRelevance: 0,
      };
    });
    const ranked = this.assignModelRelevance(objects);
    // get_true_relevances keeps only truthy relevances (no 0, no missing tag).
    const qrels = new Map(ranked.filter((o) => o.relevance).map((o) => [o.referenceIndex, o.relevance as number]));
    const run = new Map(ranked.map((o) => [o.referenceIndex, o.modelRelevance]));
    const stats = this.measures(qrels, run, '');
    if (this.options.rank) {
      const limit = this.options.rank;
      const limited = new Map(
        ranked.filter((o) => o.rank && o.rank <= limit).map((o) => [o.referenceIndex, o.modelRelevance]),
      );
      stats.push(...this.measures(qrels, limited, ` (topk=${limit})`));
    }
    stats.push(...ranked.map((o) => statOf(`ref${o.referenceIndex}_rank`, ranked.length - o.modelRelevance)));
    const context = instanceContext(first.instance);
    return stats.map((stat) => withContext(stat, context));
  }
}

function stringList(value: unknown, key: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new AppError({ code: 'metric.invalid_args', message: `RankingMetric: '${key}' must be a list of strings.` });
  }
  return value;
}

/** Builds the metric from HELM's spec args (`method`, `measure_names`, `correct_output`, …). */
export const createRankingMetric: MetricFactory = (args) => {
  const rank = args['rank'];
  return new RankingMetric({
    measureNames: stringList(args['measure_names'], 'measure_names'),
    correctOutput: typeof args['correct_output'] === 'string' ? args['correct_output'] : 'Yes',
    wrongOutput: typeof args['wrong_output'] === 'string' ? args['wrong_output'] : 'No',
    rank: typeof rank === 'number' ? rank : typeof rank === 'string' ? Number.parseInt(rank, 10) : null,
    multipleRelevanceValues: args['multiple_relevance_values'] === true,
  });
};

export const RANKING_METRIC_CLASS = 'helm.benchmark.metrics.ranking_metrics.RankingMetric';
