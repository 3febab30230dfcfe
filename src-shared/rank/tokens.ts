/**
 * Tokens per choice of examples per scenario (docs/rank-interval.md §11, "cost" column): Σ over strata of items × requests per item ×
 * tokens per request. Tokens per request come, per scenario, from the board's own runs when it has them (the
 * median over its runs of `num_prompt_tokens` + output tokens on the main split) and otherwise from a stated
 * default. The estimate is for the board's models' tokenizers; the chosen endpoint's dry run is the better
 * number for that model, and the Budget step shows it when there is one.
 */
import type { StratumLayout } from './classic-layout';
import type { EfficientSize } from '../examples-per-scenario';

/**
 * Prompt + output tokens per request, per Classic core column: the median over models of HELM Classic's
 * published "General information" table (`# prompt tokens` + `# output tokens`, 31–67 models per scenario,
 * `../shared/data/every_eval_ever/helm_classic/`). Separate-scoring scenarios (HellaSwag, OpenbookQA) count
 * one request, which is what the layout's requests per instance multiply.
 */
export const DEFAULT_TOKENS_PER_REQUEST: Readonly<Record<string, number>> = {
  mmlu: 473,
  boolq: 926,
  narrative_qa: 1660,
  natural_qa_closedbook: 118,
  natural_qa_openbook_longans: 1429,
  quac: 1672,
  hellaswag: 89,
  openbookqa: 6,
  truthful_qa: 512,
  msmarco_regular: 534,
  msmarco_trec: 517,
  summarization_cnndm: 1626,
  summarization_xsum: 1536,
  imdb: 1561,
  raft: 818,
  civil_comments: 734,
};

/** For a column no table above lists (other projects): a round, stated guess. */
export const FALLBACK_TOKENS_PER_REQUEST = 1000;

export const DEFAULT_TOKENS_SOURCE =
  "median # prompt tokens + median # output tokens per request over the models of HELM Classic's published General-information table";

/** Tokens per request by column, with where each number came from. */
export interface TokenRates {
  /** Column → prompt + output tokens per request. */
  readonly perRequest: Readonly<Record<string, number>>;
  /** Columns whose rate is the board's own median. */
  readonly fromBoard: readonly string[];
  /** Columns whose rate is {@link DEFAULT_TOKENS_PER_REQUEST} or {@link FALLBACK_TOKENS_PER_REQUEST}. */
  readonly fromDefault: readonly string[];
  /** Human label shown with the tokens column. */
  readonly basis: string;
}

/**
 * Combines the board's medians (may be empty: release-file boards keep no run stats) with the defaults, and
 * labels the result.
 */
export function tokenRates(columns: readonly string[], boardMedians: Readonly<Record<string, number>>): TokenRates {
  const perRequest: Record<string, number> = {};
  const fromBoard: string[] = [];
  const fromDefault: string[] = [];
  for (const column of columns) {
    const board = boardMedians[column];
    if (board !== undefined && Number.isFinite(board) && board > 0) {
      perRequest[column] = board;
      fromBoard.push(column);
    } else {
      perRequest[column] = DEFAULT_TOKENS_PER_REQUEST[column] ?? FALLBACK_TOKENS_PER_REQUEST;
      fromDefault.push(column);
    }
  }
  const fallback = fromDefault.filter((column) => DEFAULT_TOKENS_PER_REQUEST[column] === undefined);
  const defaults =
    fromDefault.length === 0
      ? ''
      : `stated defaults for ${fromDefault.length === columns.length ? 'every scenario' : fromDefault.join(', ')} (${DEFAULT_TOKENS_SOURCE}${fallback.length > 0 ? `; ${FALLBACK_TOKENS_PER_REQUEST} per request for ${fallback.join(', ')}` : ''})`;
  const own =
    fromBoard.length === 0
      ? ''
      : `the board's median num_prompt_tokens + output tokens per request on the main split for ${fromBoard.length === columns.length ? 'every scenario' : `${fromBoard.length} of ${columns.length} scenarios`}`;
  const basis = `Tokens: ${[own, defaults].filter((part) => part !== '').join('; ')}.`;
  return { perRequest, fromBoard, fromDefault, basis };
}

/** Tokens a user spends at a conf (`'full'`: every main-split item). Strata of unknown columns use the fallback rate. */
export function tokensAt(layout: readonly StratumLayout[], level: EfficientSize | 'full', rates: TokenRates): number {
  let tokens = 0;
  for (const stratum of layout) {
    const items = level === 'full' ? stratum.populationSize : stratum.sampleSize[level];
    tokens += items * stratum.requestsPerInstance * (rates.perRequest[stratum.column] ?? FALLBACK_TOKENS_PER_REQUEST);
  }
  return Math.round(tokens);
}
