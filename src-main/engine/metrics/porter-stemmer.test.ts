import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer';

// Expected stems follow from the rules by hand (Porter 1980 + nltk's NLTK_EXTENSIONS, as rouge_score uses);
// most are the worked examples in Porter's paper or nltk's documentation.
describe('porterStem (nltk NLTK_EXTENSIONS mode)', () => {
  it.each([
    ['caresses', 'caress'], // step 1a sses → ss
    ['ponies', 'poni'], // ies → i
    ['ties', 'tie'], // nltk: 4-letter ies → ie
    ['cats', 'cat'],
    ['feed', 'feed'], // (m>0) eed: m('f') = 0
    ['agreed', 'agre'], // eed → ee, then step 5a drops e (m = 1, not *o)
    ['plastered', 'plaster'],
    ['hopping', 'hop'], // double consonant undone
    ['falling', 'fall'], // …but not l
    ['filing', 'file'], // m = 1 and *o → e
    ['happy', 'happi'], // step 1c after a consonant
    ['enjoy', 'enjoy'], // nltk: no y → i after a vowel
    ['relational', 'relat'], // ational → ate, then step 5a
    ['generalization', 'gener'],
    ['running', 'run'],
    ['dying', 'die'], // irregular form
    ['sky', 'sky'],
    ['is', 'is'], // ≤ 2 letters untouched
    ['controlling', 'control'], // step 5b ll → l
    ['jumps', 'jump'],
  ])('%s → %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
});
