/**
 * IMDB fixtures: `aclImdb_v1.tar.gz` (`aclImdb/{train,test}/{pos,neg}/<id>_<stars>.txt`, reviews with `<br />`
 * line breaks), HELM's pinned file-order JSON (`{split: {class: [file names]}}`, splits `train`/`valid`) and the
 * allenai contrast-set TSVs (`{dev,test}_{original,contrast}.tsv`, header `Sentiment\tText`). The first two test
 * reviews are contrast originals, and one train review too, so the contrast rule moves it to valid.
 */
import { IMDB_CONTRAST_URL_TEMPLATE, IMDB_PINNED_ORDER_URL, IMDB_URL } from '../../engine/scenarios/imdb';
import type { FixtureSource } from './common';
import { makeTar } from '../tar-writer';
import { FixtureText, pythonJson, utf8 } from './common';

const PER_CLASS = { train: 6, test: 8 } as const;

function review(text: FixtureText, positive: boolean): string {
  const verdict = positive
    ? 'I loved this movie and would watch it again.'
    : 'This was a terrible film and a waste of time.';
  return `${text.sentences(2)}<br /><br />${verdict} ${text.sentence()}`;
}

export const imdbSource: FixtureSource = {
  scenarios: ['imdb'],
  async files() {
    const text = new FixtureText(41);
    const entries: [string, string][] = [];
    const order: Record<string, Record<string, string[]>> = {
      train: { pos: [], neg: [] },
      valid: { pos: [], neg: [] },
    };
    const originals: [string, string][] = [];
    for (const directory of ['train', 'test'] as const) {
      for (const label of ['pos', 'neg'] as const) {
        for (let i = 0; i < PER_CLASS[directory]; i += 1) {
          const file = `${i * 37 + (label === 'pos' ? 5 : 3)}_${label === 'pos' ? 7 + (i % 4) : 1 + (i % 4)}.txt`;
          const body = review(text, label === 'pos');
          entries.push([`aclImdb/${directory}/${label}/${file}`, body]);
          // A listing order that is not the name order, as os.listdir() gives.
          const list = order[directory === 'train' ? 'train' : 'valid']?.[label] ?? [];
          if (i % 2 === 0) list.push(file);
          else list.unshift(file);
          if ((directory === 'test' && i < 2) || (directory === 'train' && label === 'pos' && i === 0))
            originals.push([label === 'pos' ? 'Positive' : 'Negative', body]);
        }
      }
    }
    const tsv = (rows: readonly (readonly [string, string])[]): Buffer =>
      utf8(`Sentiment\tText\n${rows.map(([label, body]) => `${label}\t${body}\n`).join('')}`);
    const flip = (label: string): string => (label === 'Positive' ? 'Negative' : 'Positive');
    const half = Math.ceil(originals.length / 2);
    const contrastFiles: [string, [string, string][]][] = [
      ['test', originals.slice(0, half)],
      ['dev', originals.slice(half)],
    ];
    return [
      { url: IMDB_URL, data: await makeTar(entries, true) },
      { url: IMDB_PINNED_ORDER_URL, data: utf8(pythonJson(order)) },
      ...contrastFiles.flatMap(([mode, rows]) => [
        { url: IMDB_CONTRAST_URL_TEMPLATE.replace('{file}', `${mode}_original.tsv`), data: tsv(rows) },
        {
          url: IMDB_CONTRAST_URL_TEMPLATE.replace('{file}', `${mode}_contrast.tsv`),
          data: tsv(
            rows.map(([label, body]) => [flip(label), body.replace('loved', 'hated').replace('terrible', 'wonderful')]),
          ),
        },
      ]),
    ];
  },
};
