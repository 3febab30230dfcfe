/**
 * CNN/DailyMail and XSUM fixtures: HELM's preprocessed pickles `cnndm.pk` (examples `article`, `highlights`,
 * `id`) and `xsum-sampled.pk` (`document`, `summary`, `id`), each a dict `{train, validation, test}` of lists.
 * Train documents are 52–80 words, inside the run specs' sampling bounds (50–150), plus one of 20 words
 * that HELM's filter drops; evaluation documents are short.
 */
import { SUMMARIZATION_DATASETS } from '../../engine/scenarios/summarization';
import type { FixtureSource } from './common';
import { FixtureText } from './common';
import type { PickleValue } from './pickle-writer';
import { pickleDumps } from './pickle-writer';

function splits(seed: number, articleKey: string, summaryKey: string, newsStyle: boolean): PickleValue {
  const text = new FixtureText(seed);
  const example = (words: number, id: string): PickleValue => {
    const body = text.words(words);
    const lead = newsStyle ? `(CNN) -- ${body}` : body;
    // CNN/DM highlights are newline-separated sentences; XSUM summaries one sentence.
    const summary = newsStyle ? `${text.sentence()}\n${text.sentence()}` : text.sentence();
    return { [articleKey]: lead.replace(/\. /g, '.\n'), [summaryKey]: summary, id };
  };
  return {
    train: [
      ...Array.from({ length: 8 }, (_, i) => example(52 + 3 * i, `tr${seed}${i}`)),
      example(20, `tr${seed}short`),
    ],
    validation: Array.from({ length: 4 }, (_, i) => example(40, `va${seed}${i}`)),
    test: Array.from({ length: 12 }, (_, i) => example(30 + i, `te${seed}${i}`)),
  };
}

export const cnnDmSource: FixtureSource = {
  scenarios: ['summarization_cnndm'],
  async files() {
    return [
      { url: SUMMARIZATION_DATASETS['cnn-dm'].url, data: pickleDumps(splits(101, 'article', 'highlights', true)) },
    ];
  },
};

export const xsumSource: FixtureSource = {
  scenarios: ['summarization_xsum_sampled', 'summarization_xsum'],
  async files() {
    const data = splits(111, 'document', 'summary', false);
    return [
      { url: SUMMARIZATION_DATASETS['xsum-sampled'].url, data: pickleDumps(data) },
      { url: SUMMARIZATION_DATASETS.xsum.url, data: pickleDumps(data) },
    ];
  },
};
