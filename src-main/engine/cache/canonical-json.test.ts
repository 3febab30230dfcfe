import { describe, expect, it } from 'vitest';
import type { Request } from '../../../src-shared/helm/request';
import { canonicalJson } from './canonical-json';
import { requestCacheKey } from './request-cache';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units, drops undefined fields, keeps nulls and array order', () => {
    const value = { b: [1, undefined, { z: null, a: 'x', é: 1, B: 2 }], a: undefined, c: { d: [] }, '10': 1, '9': 2 };
    expect(canonicalJson(value)).toBe('{"10":1,"9":2,"b":[1,null,{"B":2,"a":"x","z":null,"é":1}],"c":{"d":[]}}');
  });

  it('writes scalars as JSON.stringify does, and undefined as null', () => {
    expect([
      canonicalJson(undefined),
      canonicalJson([undefined]),
      canonicalJson('s\n"'),
      canonicalJson(1.5e300),
      canonicalJson(true),
    ]).toEqual(['null', '[null]', '"s\\n\\""', '1.5e+300', 'true']);
    // A hole in an array stays empty, as the first implementation (`map` + `join`) wrote it.
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 3])).toBe('[1,,3]');
  });

  it('keeps the request cache key of existing caches (pinned sha256)', () => {
    // Computed with the first implementation (Object.entries + filter + sort + map); a change here orphans every
    // cached answer.
    const request = {
      model: 'org/model',
      embedding: undefined,
      prompt: 'Q: "é" \u2028 \ud83d\ude00?\nA:',
      temperature: 0,
      num_completions: 1,
      top_k_per_token: 1,
      max_tokens: 5,
      stop_sequences: ['\n', '###'],
      echo_prompt: false,
      top_p: 1,
      presence_penalty: 0,
      frequency_penalty: 0,
      random: null,
    } as unknown as Request; // extra fields on purpose: undefined dropped, null kept
    expect(requestCacheKey({ baseUrl: 'http://127.0.0.1:8000/v1', apiModel: 'm', mode: 'completions' }, request)).toBe(
      '5b30fd51ced9ed29f471a3d62aeb2878e17fb6f372bc30d909f7f4fee44bc870',
    );
  });
});
