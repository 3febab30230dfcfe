/**
 * HELM's answer-extraction exact matches (`metrics/evaluate_reference_metrics.py`): `final_number_exact_match`
 * (GSM8K's main metric) and `exact_match_indicator`.
 *
 * `final_number_exact_match` takes the last match of Python's `-?[\d,]+(?:.\d+)?` — `\d` is any Unicode decimal
 * digit and the unescaped `.` is any character but a newline — drops the commas and compares with `exact_match`.
 */
import { pythonStrip } from '../formats/python-text';
import { exactMatch } from './reference-scores';
import type { ReferenceScore } from './reference-scores';

const NUMBER = /-?[\p{Nd},]+(?:[^\n]\p{Nd}+)?/gu;

/** The last number of a text, commas removed ('' when there is none). */
export function finalNumber(text: string): string {
  const matches = text.match(NUMBER);
  const last = matches?.[matches.length - 1];
  return last === undefined ? '' : last.replaceAll(',', '');
}

export const finalNumberExactMatch: ReferenceScore = (gold, pred) =>
  exactMatch(finalNumber(gold), finalNumber(pred ?? ''));

/** `exact_match_indicator(gold, pred, indicator=" ")`: compares what follows the last indicator. */
export const exactMatchIndicator: ReferenceScore = (gold, pred) => {
  const tail = (text: string): string => pythonStrip(text.split(' ').pop() ?? '');
  return exactMatch(tail(gold), tail(pred ?? ''));
};
