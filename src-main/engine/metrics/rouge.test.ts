import { describe, expect, it } from 'vitest';
import { lcsLength, rougeL, rougeScore, rougeTokenize } from './rouge';

describe('rouge_score tokenization', () => {
  it('lower-cases, splits on non-alphanumerics and stems words longer than 3 characters', () => {
    expect(rougeTokenize("The Lazy dog's jumps, (quickly)!")).toEqual(['the', 'lazi', 'dog', 's', 'jump', 'quickli']);
  });
  it('drops non-ASCII letters as separators, as [^a-z0-9] does', () => {
    expect(rougeTokenize('café au lait')).toEqual(['caf', 'au', 'lait']);
  });
});

describe('ROUGE', () => {
  // rouge_score's README example; derived by hand: target "the quick brown fox jump over the lazi dog" (9),
  // prediction "the quick brown dog jump on the log" (8).
  const target = 'The quick brown fox jumps over the lazy dog';
  const prediction = 'The quick brown dog jumps on the log.';

  it('rouge1 = clipped unigram overlap 6: P 6/8, R 6/9', () => {
    const score = rougeScore(target, prediction, 'rouge1');
    expect(score.precision).toBe(6 / 8);
    expect(score.recall).toBe(6 / 9);
    expect(score.fmeasure).toBeCloseTo((2 * (6 / 8) * (6 / 9)) / (6 / 8 + 6 / 9), 15);
  });
  it('rouge2 = bigrams "the quick", "quick brown": P 2/7, R 2/8', () => {
    const score = rougeScore(target, prediction, 'rouge2');
    expect(score.precision).toBe(2 / 7);
    expect(score.recall).toBe(2 / 8);
  });
  it('rougeL = LCS "the quick brown jump the" (5): F = 50/85', () => {
    expect(rougeL(target, prediction)).toBeCloseTo(50 / 85, 15);
  });
  it('is 0 when a side has no tokens', () => {
    expect(rougeL('', 'anything')).toBe(0);
    expect(rougeScore('...', 'a b', 'rouge1').fmeasure).toBe(0);
  });
  it('computes LCS lengths', () => {
    expect(lcsLength(['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a'])).toBe(4);
  });
});
