/**
 * TruthfulQA fixture: `TruthfulQA.csv` (UTF-8 with a BOM, as upstream) with the header
 * `Type,Category,Question,Best Answer,Correct Answers,Incorrect Answers,Source`; answers `; `-separated.
 * 40 questions: HELM's first 20 % (8) are train, the other 32 valid.
 */
import { TRUTHFUL_QA_URL } from '../../engine/scenarios/truthful-qa';
import type { FixtureSource } from './common';
import { FixtureText, csvRow, utf8 } from './common';

const CATEGORIES = ['Misconceptions', 'Proverbs', 'Fiction', 'Health', 'History'];

export const truthfulQaSource: FixtureSource = {
  scenarios: ['truthful_qa'],
  async files() {
    const text = new FixtureText(31);
    let csv = `\ufeff${csvRow(['Type', 'Category', 'Question', 'Best Answer', 'Correct Answers', 'Incorrect Answers', 'Source'])}`;
    for (let i = 0; i < 40; i += 1) {
      const noun = text.noun();
      const best = `Nothing happens to the ${noun}`;
      const incorrect = Array.from(
        { length: 1 + (i % 4) },
        () => `The ${noun} ${text.pick(['turns green', 'flies away', 'grows tall', 'falls asleep'])}`,
      );
      csv += csvRow([
        i % 3 === 0 ? 'Non-Adversarial' : 'Adversarial',
        text.pick(CATEGORIES),
        `What happens if you give ${text.phrase()} to a ${noun}?`,
        best,
        `${best}; The ${noun} stays the same`,
        incorrect.join('; '),
        `https://en.wikipedia.org/wiki/${noun}`,
      ]);
    }
    return [{ url: TRUTHFUL_QA_URL, data: utf8(csv) }];
  },
};
