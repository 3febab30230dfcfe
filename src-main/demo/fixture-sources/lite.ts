/**
 * Fixture sources for the five HELM Lite scenarios the Classic set lacks, in the real formats: GSM8K JSONL,
 * Hendrycks' `MATH.tar` (one JSON per problem), LegalBench's Parquet conversion, MedQA's zip of JSONL files and
 * WMT14's Hub Parquet listing + shards (a `translation` struct column). Small, deterministic, plain English.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { GSM_BASE_URL, gsmUrl } from '../../engine/scenarios/gsm';
import { LEGALBENCH_SETTINGS, LEGALBENCH_SUBSETS } from '../../engine/scenarios/legalbench-settings';
import { legalbenchUrl } from '../../engine/scenarios/legalbench';
import { MATH_SUBJECTS, MATH_URL } from '../../engine/scenarios/math';
import { MED_QA_URL } from '../../engine/scenarios/med-qa';
import { wmt14ListingUrl } from '../../engine/scenarios/wmt14';
import { makeTar } from '../tar-writer';
import { buildZip } from '../zip-writer';
import type { FixtureSource } from './common';
import { FixtureText, jsonLines, pythonJson, utf8 } from './common';

export { GSM_BASE_URL };

/** A Parquet file of string columns (every row has every column), as Hugging Face's conversion writes them. */
export function stringParquet(rows: readonly Readonly<Record<string, string>>[], columns: readonly string[]): Buffer {
  const buffer = parquetWriteBuffer({
    columnData: columns.map((name) => ({ name, data: rows.map((row) => row[name] ?? ''), type: 'STRING' as const })),
  });
  return Buffer.from(buffer);
}

/** A Parquet file with one `translation` struct column `{<source>, en}`, as the Hub's WMT14 shards have. */
export function translationParquet(language: string, pairs: readonly (readonly [string, string])[]): Buffer {
  const buffer = parquetWriteBuffer({
    columnData: [{ name: 'translation', data: pairs.map(([source, en]) => ({ [language]: source, en })) }],
    schema: [
      { name: 'schema', num_children: 1 },
      { name: 'translation', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: language, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'en', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ],
  });
  return Buffer.from(buffer);
}

function gsmItems(count: number, seed: number): { question: string; answer: string }[] {
  const text = new FixtureText(seed);
  return Array.from({ length: count }, (_, i) => {
    const a = 2 + text.int(20);
    const b = 1 + text.int(9);
    const name = text.name();
    return {
      question: `${name} has ${a} apples and finds ${b} more in the ${text.noun()}. How many apples does ${name} have now?`,
      answer: `${name} has ${a} + ${b} = <<${a}+${b}=${a + b}>>${a + b} apples.\n#### ${a + b}${i % 5 === 4 ? ',000' : ''}`,
    };
  });
}

export const gsmSource: FixtureSource = {
  scenarios: ['gsm'],
  async files() {
    return [
      { url: gsmUrl('train'), data: utf8(jsonLines(gsmItems(6, 31))) },
      { url: gsmUrl('test'), data: utf8(jsonLines(gsmItems(14, 32))) },
    ];
  },
};

function mathProblem(text: FixtureText, type: string, level: number, k: number): Record<string, string> {
  const a = 1 + text.int(9);
  const b = 1 + text.int(9);
  return {
    problem: `${type} problem ${k}: what is $${a} + ${b}$ for the ${text.noun()}?`,
    level: `Level ${level}`,
    type,
    solution: `We add: $${a} + ${b} = \\boxed{${a + b}}$.`,
  };
}

export const mathSource: FixtureSource = {
  scenarios: ['math'],
  async files() {
    const text = new FixtureText(41);
    const entries: [string, string][] = [];
    for (const split of ['train', 'test'] as const) {
      let k = 0;
      for (const type of Object.values(MATH_SUBJECTS)) {
        const dir = type.toLowerCase().replace(/ & /g, '_').replace(/ /g, '_');
        // Level 1 (what Lite runs) and a level-2 row the scenario must filter out.
        const levels = [...Array<number>(split === 'train' ? 6 : 10).fill(1), 2];
        for (const level of levels) {
          k += 1;
          entries.push([`MATH/${split}/${dir}/${k}.json`, JSON.stringify(mathProblem(text, type, level, k))]);
        }
      }
    }
    return [{ url: MATH_URL, data: await makeTar(entries) }];
  },
};

const LEGALBENCH_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  abercrombie: ['answer', 'index', 'text'],
  corporate_lobbying: ['answer', 'bill_summary', 'bill_title', 'company_description', 'company_name', 'index'],
  international_citizenship_questions: ['answer', 'index', 'question'],
  function_of_decision_section: ['Citation', 'Paragraph', 'answer', 'index'],
  proa: ['answer', 'index', 'text'],
};
const LEGALBENCH_LABELS: Readonly<Record<string, readonly string[]>> = {
  abercrombie: ['generic', 'descriptive', 'suggestive', 'arbitrary', 'fanciful'],
  corporate_lobbying: ['Yes', 'No'],
  international_citizenship_questions: ['Yes', 'No'],
  function_of_decision_section: ['Facts', 'Issue', 'Rule', 'Analysis', 'Conclusion'],
  proa: ['Yes', 'No'],
};

export const legalbenchSource: FixtureSource = {
  scenarios: ['legalbench'],
  async files() {
    const files = [];
    for (const [s, subset] of LEGALBENCH_SUBSETS.entries()) {
      const text = new FixtureText(50 + s);
      const columns = LEGALBENCH_COLUMNS[subset] ?? [];
      const labels = LEGALBENCH_LABELS[subset] ?? [];
      for (const [split, count] of [
        ['train', 5],
        ['test', 10],
      ] as const) {
        const rows = Array.from({ length: count }, (_, i) => {
          const row: Record<string, string> = {};
          for (const column of columns) row[column] = `${text.sentence()}`;
          row.index = String(i);
          row[LEGALBENCH_SETTINGS[subset].labelKey] = labels[text.int(labels.length)] ?? '';
          return row;
        });
        files.push({ url: legalbenchUrl(subset, split), data: stringParquet(rows, columns) });
      }
    }
    return files;
  },
};

function medQaLines(count: number, seed: number): string {
  const text = new FixtureText(seed);
  const items = Array.from({ length: count }, (_, i) => {
    const options: Record<string, string> = {};
    for (const letter of ['A', 'B', 'C', 'D'])
      options[letter] = `${text.noun()} ${text.noun()}${i % 4 === 0 && letter === 'B' ? '\n"' : ''}`;
    const answerIdx = ['A', 'B', 'C', 'D'][text.int(4)] ?? 'A';
    return {
      question: `A ${20 + text.int(50)}-year-old ${text.noun()} keeper feels unwell after ${text.phrase()}. Which of the following is the best treatment?`,
      answer: options[answerIdx],
      options,
      meta_info: 'step1',
      answer_idx: answerIdx,
    };
  });
  return items.map((item) => `${pythonJson(item)}\n`).join('');
}

export const medQaSource: FixtureSource = {
  scenarios: ['med_qa'],
  async files() {
    const base = 'data_clean/questions/US/4_options/phrases_no_exclude_';
    const zip = buildZip([
      { name: `${base}train.jsonl`, data: medQaLines(6, 61) },
      { name: `${base}dev.jsonl`, data: medQaLines(4, 62) },
      { name: `${base}test.jsonl`, data: medQaLines(12, 63) },
      { name: 'data_clean/questions/US/metamap_extracted_phrases/readme.txt', data: 'other files are ignored\n' },
    ]);
    return [{ url: MED_QA_URL, data: zip }];
  },
};

export const WMT14_PAIRS = ['cs', 'de', 'fr', 'hi', 'ru'] as const;

export const wmt14Source: FixtureSource = {
  scenarios: ['wmt_14'],
  async files() {
    const files = [];
    for (const [p, language] of WMT14_PAIRS.entries()) {
      const config = `${language}-en`;
      const text = new FixtureText(70 + p);
      const pairs = (count: number, duplicates = false): [string, string][] =>
        Array.from({ length: count }, (_, i) => {
          const english = duplicates && i % 7 === 6 ? 'The same sentence.' : text.sentence();
          return [`[${language}] ${english.toLowerCase()}`, english];
        });
      // The listing names refs/convert/parquet files (a file mirror cannot hold both the listing
      // `…/parquet/<config>/<split>` and files under it).
      const shard = (split: string, index: number): string =>
        `https://huggingface.co/datasets/wmt14/resolve/refs%2Fconvert%2Fparquet/${config}/${split}/${String(index).padStart(4, '0')}.parquet`;
      // Two train shards, to exercise the cross-shard row numbering of the shuffle.
      const train = [pairs(18, true), pairs(13, true)];
      files.push({
        url: wmt14ListingUrl(config, 'train'),
        data: utf8(JSON.stringify([shard('train', 0), shard('train', 1)])),
      });
      train.forEach((rows, i) => files.push({ url: shard('train', i), data: translationParquet(language, rows) }));
      for (const [split, count] of [
        ['validation', 4],
        ['test', 8],
      ] as const) {
        files.push({ url: wmt14ListingUrl(config, split), data: utf8(JSON.stringify([shard(split, 0)])) });
        files.push({ url: shard(split, 0), data: translationParquet(language, pairs(count)) });
      }
    }
    return files;
  },
};

export const LITE_FIXTURE_SOURCES: readonly FixtureSource[] = [
  gsmSource,
  mathSource,
  legalbenchSource,
  medQaSource,
  wmt14Source,
];
