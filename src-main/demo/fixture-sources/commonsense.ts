/**
 * HellaSwag and OpenbookQA fixtures. HellaSwag: `hellaswag_{train,val,test}.jsonl` lines as in rowanz/hellaswag
 * (`ind`, `activity_label`, `ctx_a`, `ctx_b`, `ctx`, `split`, `split_type`, `label`, `endings`, `source_id`).
 * OpenbookQA: `OpenBookQA-V1-Sep2018.zip` with `OpenBookQA-V1-Sep2018/Data/Main/{train,dev,test}.jsonl`, lines
 * `{"id", "question": {"stem", "choices": [{"text", "label"}]}, "answerKey"}`.
 */
import { HELLASWAG_URL_TEMPLATE, OPENBOOKQA_URL } from '../../engine/scenarios/commonsense';
import { buildZip } from '../zip-writer';
import type { FixtureSource } from './common';
import { FixtureText, jsonLines, utf8 } from './common';

const ACTIVITIES = [
  'Making a sandwich',
  'Washing the dog',
  'Planting a tree',
  'Painting a fence',
  'Riding a bike',
  'Baking cookies',
];

function hellaswagItems(split: string, count: number, seed: number): unknown[] {
  const text = new FixtureText(seed);
  return Array.from({ length: count }, (_, i) => {
    const ctxA = `${text.name()} walks to ${text.phrase()} and looks around.`;
    const ctxB = `then ${text.name().toLowerCase()}`;
    const endings = Array.from(
      { length: 4 },
      (_, k) => `${['picks up', 'drops', 'paints', 'opens'][k] ?? ''} ${text.phrase()} ${i}.`,
    );
    return {
      ind: seed * 1000 + i,
      activity_label: text.pick(ACTIVITIES),
      ctx_a: ctxA,
      ctx_b: ctxB,
      ctx: `${ctxA} ${ctxB}`,
      split,
      split_type: 'indomain',
      // The test file is unlabelled upstream (label absent); HELM never reads it.
      ...(split === 'test' ? {} : { label: text.int(4) }),
      endings,
      source_id: `activitynet~v_fixture${seed}${i}`,
    };
  });
}

function openbookqaItems(prefix: string, count: number, seed: number): unknown[] {
  const text = new FixtureText(seed);
  return Array.from({ length: count }, (_, i) => {
    const labels = ['A', 'B', 'C', 'D'];
    return {
      id: `${prefix}-${i}`,
      question: {
        stem: `${text.phrase().replace(/^the/, 'The')} is most likely to`,
        choices: labels.map((label, k) => ({
          text: `${['grow near', 'fly over', 'sleep under', 'eat'][k] ?? ''} ${text.phrase()}`,
          label,
        })),
      },
      answerKey: text.pick(labels),
    };
  });
}

export const hellaswagSource: FixtureSource = {
  scenarios: ['commonsense'],
  async files() {
    return [
      ['train', 12, 11],
      ['val', 16, 12],
      ['test', 4, 13],
    ].map(([file, count, seed]) => ({
      url: HELLASWAG_URL_TEMPLATE.replace('{split}', String(file)),
      data: utf8(jsonLines(hellaswagItems(String(file), Number(count), Number(seed)))),
    }));
  },
};

export const openbookqaSource: FixtureSource = {
  scenarios: ['commonsense'],
  async files() {
    const root = 'OpenBookQA-V1-Sep2018/Data/Main';
    const zip = buildZip([
      { name: `${root}/train.jsonl`, data: jsonLines(openbookqaItems('7', 12, 21)) },
      { name: `${root}/dev.jsonl`, data: jsonLines(openbookqaItems('8', 4, 22)) },
      { name: `${root}/test.jsonl`, data: jsonLines(openbookqaItems('9', 16, 23)) },
    ]);
    return [{ url: OPENBOOKQA_URL, data: zip }];
  },
};
