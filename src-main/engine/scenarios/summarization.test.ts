import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { DatasetFetcher, ScenarioContext } from '../types';
import { cleanAndTruncate, createSummarizationScenario, SUMMARIZATION_DATASETS } from './summarization';

// CPython 3: base64.b64encode(pickle.dumps(DATA, protocol=4)) for DATA =
// {"test": [{"article": "T1 a b c d e f g h", "highlights": "{Sum} t1.\nTwo", "id": "x"}],
//  "train": [{"article": "one two", …"s0"}, {"article": "one\ntwo  three", …"s1"},
//            {"article": "w1 w2 w3 w4 w5 w6 w7", …"s2"}, {"article": "a b c d e", …"s3"}],
//  "validation": [{"article": "v\u00a0one\u2003two", "highlights": "V sum", "id": "v"}]}
const CNNDM_PICKLE =
  'gASVIwEAAAAAAAB9lCiMBHRlc3SUXZR9lCiMB2FydGljbGWUjBJUMSBhIGIgYyBkIGUgZiBnIGiUjApoaWdobGlnaHRzlIwNe1N1bX0gdDEuClR3b5SMAmlklIwBeJR1YYwFdHJhaW6UXZQofZQoaASMB29uZSB0d2+UaAaMAnMwlGgIjAFhlHV9lChoBIwOb25lCnR3byAgdGhyZWWUaAaMAnMxlGgIjAFilHV9lChoBIwUdzEgdzIgdzMgdzQgdzUgdzYgdzeUaAaMAnMylGgIjAFjlHV9lChoBIwJYSBiIGMgZCBllGgGjAJzM5RoCIwBZJR1ZYwKdmFsaWRhdGlvbpRdlH2UKGgEjAx2wqBvbmXigIN0d2+UaAaMBVYgc3VtlGgIjAF2lHVhdS4=';

function context(url: string, bytes: Buffer): ScenarioContext {
  const dir = mkdtempSync(join(tmpdir(), 'summ-'));
  const path = join(dir, 'source.pk');
  writeFileSync(path, bytes);
  const fetcher: DatasetFetcher = {
    fetch: async (requested) => (requested === url ? path : Promise.reject(new Error(`404 ${requested}`))),
  };
  return { outputDir: dir, fetcher };
}

describe('summarization scenario', () => {
  it('normalizes whitespace like Python str.split and truncates to N tokens', () => {
    expect(cleanAndTruncate(' a\n b\u00a0c\u2003 d ', 3)).toBe('a b c');
    expect(cleanAndTruncate('x\ty')).toBe('x y');
  });

  it('reads the pickle in split order train, validation, test, truncating and filtering train by length', async () => {
    // Small bounds stand in for HELM's 50 / 150 / 512 so the hand check stays short.
    const scenario = createSummarizationScenario({
      dataset_name: 'cnn-dm',
      sampling_min_length: 3,
      sampling_max_length: 5,
      doc_max_length: 6,
    });
    const url = SUMMARIZATION_DATASETS['cnn-dm'].url;
    const instances = await scenario.getInstances(context(url, Buffer.from(CNNDM_PICKLE, 'base64')));
    // train: "one two" (2 < 3) dropped; "w1 … w7" cut to 6 tokens (> 5) dropped.
    expect(instances.map((i) => [i.split, i.input.text, i.references[0]?.output.text])).toEqual([
      ['train', 'one two three', 's1'],
      ['train', 'a b c d e', 's3'],
      ['valid', 'v one two', 'V sum'],
      ['test', 'T1 a b c d e', '{Sum} t1. Two'],
    ]);
    expect(instances.every((i) => i.references.length === 1 && i.references[0]?.tags.includes('correct'))).toBe(true);
  });

  it('names the scenario and URL when the file is not a pickle', async () => {
    const url = SUMMARIZATION_DATASETS['xsum-sampled'].url;
    const scenario = createSummarizationScenario({ dataset_name: 'xsum-sampled' });
    const error: unknown = await scenario
      .getInstances(context(url, Buffer.from('<html>not found</html>')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(url);
  });
});
