/**
 * RAFT fixture: `data/<subset>/train.csv` of the HF `ought/raft` repository for all 11 subsets: the subset's
 * fields, then `ID` and `Label` (a class index into `["Unlabeled", ...labels]`, as the HF files store it),
 * exactly 50 labelled rows as the scenario requires.
 */
import { RAFT_URL_TEMPLATE } from '../../engine/scenarios/raft';
import { RAFT_LABELS } from '../../engine/scenarios/raft-labels';
import { RAFT_FIELD_ORDER, RAFT_SUBSETS } from '../../engine/scenarios/raft-prompt-settings';
import type { FixtureSource } from './common';
import { FixtureText, csvRow, utf8 } from './common';

function fieldValue(field: string, text: FixtureText, row: number): string {
  if (field === 'Publication Year') return String(2015 + (row % 8));
  if (field === 'Item Type') return text.pick(['journalArticle', 'blogPost', 'conferencePaper']);
  if (/title|name|journal/i.test(field))
    return `${text.phrase().replace(/^the /, '')} and ${text.noun()}s`.replace(/^./, (c) => c.toUpperCase());
  return text.sentences(1 + (row % 2));
}

export const raftSource: FixtureSource = {
  scenarios: ['raft'],
  async files() {
    return RAFT_SUBSETS.map((subset, s) => {
      const text = new FixtureText(61 + s);
      const fields = RAFT_FIELD_ORDER[subset];
      const labels = RAFT_LABELS[subset];
      let csv = csvRow([...fields, 'ID', 'Label']);
      for (let row = 0; row < 50; row += 1)
        csv += csvRow([
          ...fields.map((field) => fieldValue(field, text, row)),
          row,
          1 + ((row * 7 + s) % labels.length),
        ]);
      return { url: RAFT_URL_TEMPLATE.replace('{subset}', subset).replace('{file}', 'train.csv'), data: utf8(csv) };
    });
  },
};
