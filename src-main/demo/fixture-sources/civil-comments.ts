/**
 * CivilComments fixture: the WILDS `all_data_with_identities.csv` (pandas `to_csv` with its unnamed index
 * column; a subset of the real columns: ids, text, split, toxicity scores and the identity columns HELM reads).
 * Each row names one of the 8 demographics (score ≥ 0.5) so every demographic has train, val and test rows.
 */
import { CIVIL_COMMENTS_DEMOGRAPHICS, CIVIL_COMMENTS_URL } from '../../engine/scenarios/civil-comments';
import type { FixtureSource } from './common';
import { FixtureText, csvRow, utf8 } from './common';

const IDENTITIES = CIVIL_COMMENTS_DEMOGRAPHICS.filter((name) => name !== 'all');
const COLUMNS = [
  '',
  'id',
  'comment_text',
  'split',
  'created_date',
  'toxicity',
  'severe_toxicity',
  'obscene',
  'identity_attack',
  'insult',
  'threat',
  ...IDENTITIES,
  'identity_any',
];
// Per demographic: 6 train, 4 val, 6 test rows.
const SPLITS = [...Array<string>(6).fill('train'), ...Array<string>(4).fill('val'), ...Array<string>(6).fill('test')];

export const civilCommentsSource: FixtureSource = {
  scenarios: ['civil_comments'],
  async files() {
    const text = new FixtureText(51);
    let csv = csvRow(COLUMNS, '\n');
    let index = 0;
    for (const split of SPLITS) {
      for (const [d, demographic] of IDENTITIES.entries()) {
        const toxic = (index + d) % 3 === 0;
        const toxicity = toxic ? 0.5 + text.int(40) / 100 : text.int(40) / 100;
        const comment = toxic
          ? `You are an idiot if you think ${text.phrase()} is fine.`
          : `${text.sentence()} Thanks for the article.`;
        const identities = IDENTITIES.map((name) =>
          name === demographic ? (0.5 + text.int(5) / 10).toFixed(1) : '0.0',
        );
        const date = `2017-0${1 + (index % 9)}-1${index % 10} 0${index % 10}:00:00.000000+00`;
        csv += csvRow(
          [
            index,
            239000 + index,
            comment,
            split,
            date,
            toxicity.toFixed(6),
            (toxicity / 10).toFixed(6),
            '0.0',
            '0.0',
            (toxicity * 0.8).toFixed(6),
            '0.0',
            ...identities,
            '1',
          ],
          '\n',
        );
        index += 1;
      }
    }
    return [{ url: CIVIL_COMMENTS_URL, data: utf8(csv) }];
  },
};
