import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text';
import { f1Score, exactMatch, prefixExactMatch, quasiExactMatch, quasiPrefixExactMatch } from './reference-scores';

// Expected values were printed by HELM's `normalize_text` and `f1_score` (evaluate_reference_metrics.py,
// nltk's f_measure inlined) run on CPython 3.11.7: Python's `lower()`, `\b` and `split()` are Unicode-aware.
const NORMALIZED: readonly [string, string, string][] = [
  ["The Cat's hat!", 'cats hat', 'the cats hat'],
  [
    '  an apple A day\tkeeps\u00a0THE doctor away ',
    'apple day keeps doctor away',
    'an apple a day keeps the doctor away',
  ],
  ['th\u00e9\u00e2tre the', 'th\u00e9\u00e2tre', 'th\u00e9\u00e2tre the'],
  ['na\u00efve-a the\u3000end', 'na\u00efvea end', 'na\u00efvea the end'],
  ['\u00dcn\u00efcode:an_a \u00e9a', '\u00fcn\u00efcodeana \u00e9a', '\u00fcn\u00efcodeana \u00e9a'],
  ['x\u001cy\u001fz', 'x y z', 'x y z'],
  ['\u03a3 THE \u03a3\u0391\u03a3', '\u03c3 \u03c3\u03b1\u03c2', '\u03c3 the \u03c3\u03b1\u03c2'],
  ['\u0130stanbul', 'i\u0307stanbul', 'i\u0307stanbul'],
  ['thea the_ the2 2the', 'thea the2 2the', 'thea the the2 2the'],
  ['a\u0301 b', '\u0301 b', 'a\u0301 b'],
  ['\ufb01 the', '\ufb01', '\ufb01 the'],
  ['the\u2028a', '', 'the a'],
];

describe('normalizeText', () => {
  it.each(NORMALIZED)('normalizes %j like Python', (input, withoutArticles, withArticles) => {
    expect(normalizeText(input)).toBe(withoutArticles);
    expect(normalizeText(input, false)).toBe(withArticles);
  });
});

describe('reference scores', () => {
  it('f1_score over normalized token sets', () => {
    expect(f1Score('The school Mascot', 'the schools mascot')).toBe(0.5);
    expect(f1Score('La is the high priestess', 'La is a young woman who is the priestess')).toBe(0.6000000000000001);
    expect(f1Score('yes', '')).toBe(0);
    expect(f1Score('a the', 'the')).toBe(0);
    expect(f1Score('New York City', 'new york')).toBe(0.8);
    expect(f1Score('b a c', 'c b a d e')).toBe(0.6666666666666666);
  });

  it('exact-match family: empty or unmapped predictions score 0', () => {
    expect(exactMatch(' Yes', 'Yes\n')).toBe(1);
    expect(exactMatch('Yes', 'yes')).toBe(0);
    expect(exactMatch('Yes', '')).toBe(0);
    expect(exactMatch('Yes', null)).toBe(0);
    expect(quasiExactMatch('The Yes.', 'yes')).toBe(1);
    expect(prefixExactMatch('Yes', ' Yes, indeed')).toBe(1);
    expect(prefixExactMatch('Yes', 'yes, indeed')).toBe(0);
    expect(quasiPrefixExactMatch('Yes', 'yes, indeed')).toBe(1);
    expect(quasiPrefixExactMatch('Yes', null)).toBe(0);
  });
});
