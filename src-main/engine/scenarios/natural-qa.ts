/**
 * NaturalQuestions (`scenarios/natural_qa_scenario.py`, v0.3.0): the five gzipped JSONL dev shards. Per shard,
 * in file order, only examples with at least one short answer are kept; kept example i goes to train when i is
 * even and to valid when odd. After one `random.seed(0)`, every instance draws `randint(0, #short answers − 1)`
 * (in every mode, so the draws stay aligned), which picks the train reference and the long-answer passage.
 * Answer texts are byte slices of `document_html`, cleaned as HELM's `_clean_text`: U+00A0 → space,
 * `html.unescape`, then `<…>` tags removed.
 *
 * Deviation: only the two Classic modes, `closedbook` and `openbook_longans`, are supported; HELM's
 * `openbook_wiki` (the whole detokenized document) is rejected with a clear error.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { decodeHTML } from 'entities';
import type { Instance } from '../../../src-shared/helm/instance';
import { CORRECT_TAG, TRAIN_SPLIT, VALID_SPLIT } from '../../../src-shared/helm/instance';
import { pythonCapitalize } from '../formats/python-text';
import { PythonRandom } from '../rng/python-random';
import type { Scenario, ScenarioContext, ScenarioFactory } from '../types';
import { fetchWithProgress } from './fetch-with-progress';
import { asRecord, asString, parsingSource, stringArg } from './source';

export const NATURAL_QA_BASE_URL = 'https://storage.googleapis.com/natural_questions/v1.0/dev';
export const NATURAL_QA_FILES: readonly string[] = [0, 1, 2, 3, 4].map((i) => `nq-dev-0${i}.jsonl.gz`);
export const NATURAL_QA_MODES = ['closedbook', 'openbook_longans'] as const;
export type NaturalQaMode = (typeof NATURAL_QA_MODES)[number];

/** What HELM keeps of one example (its `RawInstance`, minus the title and document we never use). */
export interface NaturalQaRawInstance {
  readonly question: string;
  /** One entry per short answer over all annotations, in order. */
  readonly shortAnswers: readonly string[];
  /** The long answer of the annotation each short answer came from (aligned with `shortAnswers`). */
  readonly longAnswers: readonly string[];
}

/** HELM's `_clean_text` over a byte slice of the document HTML. */
export function cleanHtmlText(bytes: Buffer): string {
  // HELM replaces the bytes C2 A0 before decoding; in valid UTF-8 that pair is exactly U+00A0, so replacing the
  // decoded character is the same (and an `&nbsp;` entity, decoded later, stays U+00A0 as in HELM).
  const text = bytes.toString('utf8').replace(/\u00a0/g, ' ');
  // decodeHTML follows the HTML5 rules Python's html.unescape follows (legacy entities without `;`, cp1252 for &#128;–&#159;).
  return decodeHTML(text).replace(/<([^>]*)>/g, '');
}

interface ByteSpan {
  readonly start_byte: number;
  readonly end_byte: number;
}

function span(value: unknown, what: string): ByteSpan {
  const record = asRecord(value, what);
  const start = record['start_byte'];
  const end = record['end_byte'];
  if (typeof start !== 'number' || typeof end !== 'number') throw new Error(`${what} lacks start_byte/end_byte`);
  return { start_byte: start, end_byte: end };
}

/** HELM's `create_raw_instance`, or null when no annotation has a short answer (the example is skipped). */
export function naturalQaRawInstance(example: unknown): NaturalQaRawInstance | null {
  const record = asRecord(example, 'example');
  const annotations = record['annotations'];
  if (!Array.isArray(annotations)) throw new Error('example lacks annotations');
  const hasShortAnswer = annotations.some((annotation) => {
    const shortAnswers = asRecord(annotation, 'annotation')['short_answers'];
    return Array.isArray(shortAnswers) && shortAnswers.length > 0;
  });
  if (!hasShortAnswer) return null;
  const html = Buffer.from(asString(record['document_html'], 'document_html'), 'utf8');
  const slice = (s: ByteSpan): string => cleanHtmlText(html.subarray(s.start_byte, s.end_byte));
  const shortAnswers: string[] = [];
  const longAnswers: string[] = [];
  for (const annotation of annotations) {
    const fields = asRecord(annotation, 'annotation');
    const longAnswer = slice(span(fields['long_answer'], 'long_answer'));
    const shorts = fields['short_answers'];
    if (!Array.isArray(shorts)) continue;
    for (const short of shorts) {
      shortAnswers.push(slice(span(short, 'short_answer')));
      longAnswers.push(longAnswer);
    }
  }
  return { question: asString(record['question_text'], 'question_text'), shortAnswers, longAnswers };
}

/** HELM's `create_instance` for one raw instance; draws one `randint` from `random`. */
export function naturalQaInstance(
  raw: NaturalQaRawInstance,
  isTrain: boolean,
  mode: NaturalQaMode,
  random: PythonRandom,
): Instance {
  let question = pythonCapitalize(raw.question);
  if (!question.endsWith('?')) question += '?';
  const answerIndex = random.randint(0, raw.shortAnswers.length - 1);
  const text =
    mode === 'closedbook' ? question : `Passage: ${raw.longAnswers[answerIndex] ?? ''}\n\nQuestion: ${question}`;
  // Train keeps the drawn answer; valid keeps every distinct short answer in order (dict.fromkeys).
  const answers = isTrain ? raw.shortAnswers.slice(answerIndex, answerIndex + 1) : [...new Set(raw.shortAnswers)];
  return {
    input: { text },
    references: answers.map((answer) => ({ output: { text: answer }, tags: [CORRECT_TAG] })),
    split: isTrain ? TRAIN_SPLIT : VALID_SPLIT,
  };
}

/** Streams one gzipped shard and returns its raw instances (memory holds one line at a time plus the answers). */
export async function readNaturalQaShard(path: string, signal?: AbortSignal): Promise<NaturalQaRawInstance[]> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const raws: NaturalQaRawInstance[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    signal?.throwIfAborted();
    lineNumber += 1;
    if (line.trim() === '') continue;
    let example: unknown;
    try {
      example = JSON.parse(line) as unknown;
    } catch (error) {
      throw new Error(`line ${lineNumber}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const raw = naturalQaRawInstance(example);
    if (raw !== null) raws.push(raw);
  }
  return raws;
}

export class NaturalQaScenario implements Scenario {
  readonly name = 'natural_qa';

  constructor(readonly mode: NaturalQaMode) {}

  async getInstances(context: ScenarioContext): Promise<Instance[]> {
    const random = new PythonRandom(0);
    const instances: Instance[] = [];
    for (const file of NATURAL_QA_FILES) {
      const url = `${NATURAL_QA_BASE_URL}/${file}`;
      const raws = await this.rawInstances(context, url, file);
      raws.forEach((raw, i) => instances.push(naturalQaInstance(raw, i % 2 === 0, this.mode, random)));
    }
    return instances;
  }

  /** Raw instances of one shard, cached as JSON in the output directory as HELM caches `-instances.jsonl`. */
  private async rawInstances(context: ScenarioContext, url: string, file: string): Promise<NaturalQaRawInstance[]> {
    const cachePath = join(context.outputDir, `${file}-instances.json`);
    const cached = await readFile(cachePath, 'utf8').catch(() => null);
    if (cached !== null) {
      // Written by this class just below from NaturalQaRawInstance values.
      return JSON.parse(cached) as NaturalQaRawInstance[];
    }
    const path = await fetchWithProgress(context, this.name, url);
    context.onProgress?.(`${this.name}: reading ${file}`);
    const raws = await parsingSource(this.name, url, () => readNaturalQaShard(path, context.signal));
    await mkdir(context.outputDir, { recursive: true });
    await writeFile(`${cachePath}.tmp`, JSON.stringify(raws));
    await rename(`${cachePath}.tmp`, cachePath);
    return raws;
  }
}

export const createNaturalQaScenario: ScenarioFactory = (args) => {
  const mode = stringArg('natural_qa', args, 'mode', NATURAL_QA_MODES);
  // stringArg checked the value against NATURAL_QA_MODES.
  return new NaturalQaScenario(mode as NaturalQaMode);
};
