/**
 * HELM's `normalize_text` (`metrics/evaluate_reference_metrics.py` at HEAD, `basic_metrics.py` at v0.3.0;
 * from the QuAC scorer): lowercase, drop ASCII punctuation, replace the articles a/an/the with a space,
 * collapse whitespace. Python's `\b`, `lower()` and `split()` are Unicode-aware, so the word boundary uses
 * Python's `\w` class explicitly instead of JS `\b` (ASCII-only).
 */
import { PYTHON_WORD, pythonSplit } from '../formats/python-text';

/** Python's `string.punctuation`. */
const ASCII_PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
const ARTICLES = new RegExp(`(?<![${PYTHON_WORD}])(?:a|an|the)(?![${PYTHON_WORD}])`, 'gu');

export function normalizeText(text: string, removeArticles = true): string {
  let normalized = [...text.toLowerCase()].filter((character) => !ASCII_PUNCTUATION.has(character)).join('');
  if (removeArticles) normalized = normalized.replace(ARTICLES, ' ');
  return pythonSplit(normalized).join(' ');
}
