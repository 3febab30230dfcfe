/**
 * NarrativeQA fixture: GitHub's `master.zip` of deepmind/narrativeqa, everything under `narrativeqa-master/`:
 * `qaps.csv` (`document_id,set,question,answer1,answer2,question_tokenized,answer1_tokenized,answer2_tokenized`),
 * `third_party/wikipedia/summaries.csv` (`document_id,set,summary,summary_tokenized`) and `documents.csv`
 * (which HELM does not read). 8 documents per set, 2 questions each; HELM keeps one question per document.
 */
import { NARRATIVE_QA_URL } from '../../engine/scenarios/narrative-qa';
import { buildZip } from '../zip-writer';
import type { FixtureSource } from './common';
import { FixtureText, csvRow } from './common';

const SETS = ['train', 'valid', 'test'] as const;
const DOCUMENTS_PER_SET = 8;

/** NarrativeQA's `*_tokenized` columns: lower-cased, punctuation split off. */
function tokenized(text: string): string {
  return text
    .toLowerCase()
    .replace(/([.,?!])/g, ' $1')
    .trim();
}

export const narrativeQaSource: FixtureSource = {
  scenarios: ['narrative_qa'],
  async files() {
    const text = new FixtureText(71);
    let qaps = csvRow([
      'document_id',
      'set',
      'question',
      'answer1',
      'answer2',
      'question_tokenized',
      'answer1_tokenized',
      'answer2_tokenized',
    ]);
    let summaries = csvRow(['document_id', 'set', 'summary', 'summary_tokenized']);
    let documents = csvRow([
      'document_id',
      'set',
      'kind',
      'story_url',
      'story_file_size',
      'wiki_url',
      'wiki_title',
      'story_word_count',
      'story_start',
      'story_end',
    ]);
    SETS.forEach((set, s) => {
      for (let d = 0; d < DOCUMENTS_PER_SET; d += 1) {
        const id = `${(s * 97 + d * 13).toString(16).padStart(4, '0')}a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8`.slice(
          0,
          40,
        );
        const hero = text.name();
        const place = text.phrase();
        const summary = `${hero} lives in ${place}. ${text.sentences(3)} In the end ${hero} goes home.`;
        summaries += csvRow([id, set, summary, tokenized(summary)]);
        documents += csvRow([
          id,
          set,
          'gutenberg',
          `http://www.gutenberg.org/ebooks/${1000 + d}`,
          100000 + d,
          `https://en.wikipedia.org/wiki/Story_${d}`,
          `Story ${d}`,
          20000 + d,
          'CHAPTER I',
          'THE END',
        ]);
        const questions: [string, string, string][] = [
          [`Where does ${hero} live?`, place, `In ${place}`],
          [`Who goes home in the end`, hero, `${hero} does`],
        ];
        for (const [question, answer1, answer2] of questions)
          qaps += csvRow([
            id,
            set,
            question,
            answer1,
            answer2,
            tokenized(question),
            tokenized(answer1),
            tokenized(answer2),
          ]);
      }
    });
    const root = 'narrativeqa-master';
    const zip = buildZip([
      { name: `${root}/documents.csv`, data: documents },
      { name: `${root}/qaps.csv`, data: qaps },
      { name: `${root}/third_party/wikipedia/summaries.csv`, data: summaries },
    ]);
    return [{ url: NARRATIVE_QA_URL, data: zip }];
  },
};
