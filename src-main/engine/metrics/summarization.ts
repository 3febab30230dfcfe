/**
 * HELM's SummarizationMetric (`metrics/summarization_metrics.py`, v0.3.0) for runs with `device=cpu`:
 * `rouge_1`, `rouge_2`, `rouge_l` (rouge_score F-measures with the Porter stemmer, max over references) and
 * the extractive fragment statistics of summ_eval's `DataStatsMetric` (Grusky et al. 2018, newsroom's
 * `Fragments`): `summarization_coverage`, `summarization_density`, `summarization_compression`. Braces that
 * open or close the input, references or prediction are removed first (`_remove_braces`).
 *
 * Not computed (never reported as 0): with `device=cpu` HELM itself skips SummaC and BERTScore; QAFactEval
 * and the human evaluations are lookups of precomputed scores for HELM's own models, which a user's model
 * never has. {@link SUMMARIZATION_NOT_COMPUTED} lists them for the run record.
 *
 * Deviation: DataStatsMetric tokenizes with spaCy's `en_core_web_sm` tokenizer, which we do not ship.
 * {@link spacyLikeTokenize} follows its main rules (whitespace, leading/trailing punctuation, clitics,
 * hyphen infixes), so coverage/density/compression may differ slightly from HELM's. These three columns have
 * no `lower_is_better` and never enter the mean win rate.
 */
import type { AdapterSpec } from '../../../src-shared/helm/run-spec';
import type { RequestState } from '../../../src-shared/helm/request';
import type { Stat } from '../../../src-shared/helm/stat';
import type { Metric, MetricFactory } from '../types';
import { rougeScore } from './rouge';
import { instanceContext, statOf, withContext } from './stat-values';

/** Model-based or lookup metrics HELM's summarization metric can report that we do not compute, with why. */
export const SUMMARIZATION_NOT_COMPUTED: Readonly<Record<string, string>> = {
  summac: 'model-based (SummaC); HELM computes it only with a GPU device',
  'BERTScore-F': 'model-based (DeBERTa); HELM computes it only with a GPU device',
  QAFactEval: 'precomputed by HELM for its own models only',
  'HumanEval-faithfulness': 'human evaluation of HELM’s own models only',
};

/** HELM's `_remove_braces`: one leading `{` and one trailing `}`. */
export function removeBraces(text: string): string {
  let out = text.startsWith('{') ? text.slice(1) : text;
  if (out.endsWith('}')) out = out.slice(0, -1);
  return out;
}

const PREFIX = /^(?:\.\.\.|[“‘«"'([{<$£€¿¡*#])/u;
// spaCy splits a final period after a lower-case letter, digit or closing mark (its `(?<=[a-z0-9)\]"'%])\.`
// suffix rule, extended to Unicode) unless the token is one of its abbreviation exceptions.
const SUFFIX =
  /(?:\.\.\.|['’][sSdDmM]|['’](?:ll|re|ve|LL|RE|VE)|n['’]t|N['’]T|[”’»"')\]}>!?,;:%*]|(?<=[\p{Ll}\p{N})\]"'%”’])\.)$/u;
const ABBREVIATIONS = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'st.',
  'jr.',
  'sr.',
  'etc.',
  'vs.',
  'inc.',
  'ltd.',
  'co.',
  'corp.',
  'prof.',
  'e.g.',
  'i.e.',
]);
const INFIX = /(?<=[\p{L}])(-{1,2}|–|—)(?=[\p{L}])|(?<=[\p{L}]),(?=[\p{L}])|\.\.\./u;

function splitChunk(chunk: string, out: string[]): void {
  const suffixes: string[] = [];
  let rest = chunk;
  for (let guard = 0; rest.length > 0 && guard < 50; guard++) {
    const prefix = PREFIX.exec(rest);
    if (prefix !== null && prefix[0].length < rest.length) {
      out.push(prefix[0]);
      rest = rest.slice(prefix[0].length);
      continue;
    }
    const suffix = ABBREVIATIONS.has(rest.toLowerCase()) ? null : SUFFIX.exec(rest);
    if (suffix !== null && suffix[0].length < rest.length) {
      suffixes.unshift(suffix[0]);
      rest = rest.slice(0, -suffix[0].length);
      continue;
    }
    break;
  }
  if (rest.length > 0) {
    const infix = INFIX.exec(rest);
    if (infix !== null && infix.index > 0 && infix.index + infix[0].length < rest.length) {
      splitChunk(rest.slice(0, infix.index), out);
      out.push(infix[0]);
      splitChunk(rest.slice(infix.index + infix[0].length), out);
    } else {
      out.push(rest);
    }
  }
  out.push(...suffixes);
}

/** An approximation of spaCy's English tokenizer (see the file comment); extra whitespace becomes a token as in spaCy. */
export function spacyLikeTokenize(text: string): string[] {
  const out: string[] = [];
  const pieces = text.split(/(\s+)/u);
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece !== '') splitChunk(piece, out);
      return;
    }
    // spaCy attaches one following space to a token; any other whitespace is a token of its own.
    const extra = i > 0 && (pieces[i - 1] ?? '') !== '' && piece.startsWith(' ') ? piece.slice(1) : piece;
    if (extra !== '') out.push(extra);
  });
  return out;
}

/** Greedy extractive fragments of `summary` in `text` (newsroom `Fragments._match`): the fragment lengths. */
export function fragmentLengths(summary: readonly string[], text: readonly string[]): number[] {
  const lengths: number[] = [];
  let a = 0;
  while (a < summary.length) {
    let best = 0;
    let b = 0;
    while (b < text.length) {
      if (summary[a] === text[b]) {
        let aEnd = a;
        let bEnd = b;
        while (aEnd < summary.length && bEnd < text.length && text[bEnd] === summary[aEnd]) {
          aEnd++;
          bEnd++;
        }
        best = Math.max(best, aEnd - a);
        b = bEnd;
      } else {
        b++;
      }
    }
    if (best > 0) {
      lengths.push(best);
      a += best;
    } else {
      a++;
    }
  }
  return lengths;
}

/** summ_eval's DataStatsMetric coverage, density and compression (tokens lower-cased). */
export function dataStats(
  input: string,
  prediction: string,
): { coverage: number; density: number; compression: number } {
  const summary = spacyLikeTokenize(prediction).map((token) => token.toLowerCase());
  const text = spacyLikeTokenize(input).map((token) => token.toLowerCase());
  const fragments = fragmentLengths(summary, text);
  const n = summary.length;
  return {
    coverage: n === 0 ? 0 : fragments.reduce((sum, length) => sum + length, 0) / n,
    density: n === 0 ? 0 : fragments.reduce((sum, length) => sum + length * length, 0) / n,
    compression: n === 0 ? 0 : text.length / n,
  };
}

export class SummarizationMetric implements Metric {
  readonly name = 'summarization';

  evaluateInstance(_adapterSpec: AdapterSpec, requestStates: readonly RequestState[]): Stat[] {
    const stats: Stat[] = [];
    for (const state of requestStates) {
      const { instance } = state;
      const references = instance.references.map((reference) => removeBraces(reference.output.text));
      const input = removeBraces(instance.input.text);
      const prediction = removeBraces((state.result?.completions[0]?.text ?? '').trim());
      const best = (type: string): number =>
        Math.max(...references.map((reference) => rougeScore(reference, prediction, type).fmeasure));
      const extractive = dataStats(input, prediction);
      const values: [string, number][] = [
        ['rouge_1', best('rouge1')],
        ['rouge_2', best('rouge2')],
        ['rouge_l', best('rougeL')],
        ['summarization_coverage', extractive.coverage],
        ['summarization_density', extractive.density],
        ['summarization_compression', extractive.compression],
      ];
      // HELM's Processor adds the instance context (split, sub-split, perturbation) to every stat.
      const context = instanceContext(instance);
      for (const [name, value] of values) stats.push(withContext(statOf(name, value), context));
    }
    return stats;
  }
}

/** `SummarizationMetric(task, device)`: only `device=cpu` behaviour exists here (see the file comment). */
export const createSummarizationMetric: MetricFactory = () => new SummarizationMetric();
