import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DatasetFetcher, ScenarioContext } from '../types';
import { cleanHtmlText, createNaturalQaScenario, NATURAL_QA_BASE_URL, NATURAL_QA_FILES } from './natural-qa';

/** An NQ example in the simplified-by-nothing dev format: spans are byte offsets into `document_html`. */
function example(question: string, html: string, annotations: { long: string; shorts: string[] }[]): unknown {
  const bytes = Buffer.from(html, 'utf8');
  const spanOf = (text: string): { start_byte: number; end_byte: number } => {
    const start = bytes.indexOf(Buffer.from(text, 'utf8'));
    if (start < 0) throw new Error(`fixture: ${text} not in html`);
    return { start_byte: start, end_byte: start + Buffer.byteLength(text) };
  };
  return {
    example_id: 1,
    question_text: question,
    document_title: 'T',
    document_html: html,
    document_tokens: [{ token: '<P>', html_token: true, start_byte: 0, end_byte: 3 }],
    annotations: annotations.map((a) => ({
      long_answer: spanOf(a.long),
      short_answers: a.shorts.map(spanOf),
      yes_no_answer: 'NONE',
    })),
  };
}

const HTML0 =
  '<html><P>Paris is the capital&nbsp;of <b>France</b>, says Caf\u00e9 Ren\u00e9 &amp; co.</P>' +
  '<P>Nothing here.</P><P>Lyon\u00a0city is big</P><P>Lyon is second</P></html>';

function context(): ScenarioContext {
  const dir = mkdtempSync(join(tmpdir(), 'nq-'));
  const shard0 = [
    example('what is the capital of france', HTML0, [
      {
        long: '<P>Paris is the capital&nbsp;of <b>France</b>, says Caf\u00e9 Ren\u00e9 &amp; co.</P>',
        shorts: ['Paris', '<b>France</b>'],
      },
    ]),
    example('nothing answers this?', HTML0, [{ long: '<P>Nothing here.</P>', shorts: [] }]),
    example('WHICH city is big', HTML0, [
      { long: '<P>Lyon\u00a0city is big</P>', shorts: ['Lyon'] },
      { long: '<P>Lyon is second</P>', shorts: ['Lyon'] },
    ]),
  ];
  const files: Record<string, string> = {};
  NATURAL_QA_FILES.forEach((file, i) => {
    const path = join(dir, file);
    const lines = i === 0 ? shard0.map((e) => JSON.stringify(e)).join('\n') + '\n' : '';
    writeFileSync(path, gzipSync(lines));
    files[`${NATURAL_QA_BASE_URL}/${file}`] = path;
  });
  const fetcher: DatasetFetcher = {
    fetch: async (url) => {
      const path = files[url];
      if (path === undefined) throw new Error(`404 ${url}`);
      return path;
    },
  };
  return { outputDir: join(dir, 'out'), fetcher };
}

describe('NaturalQuestions', () => {
  it('cleans answer HTML as HELM: nbsp → space, unescape, then strip tags', () => {
    expect(cleanHtmlText(Buffer.from('<b>A\u00a0B</b> &amp; C&nbsp;D'))).toBe('A B & C\u00a0D');
  });

  // randint(0, 1) twice from CPython's seed(0) words 3626764237, 1654615998, 3255389356, 3823568514, 1806341205:
  // bit_length(2) = 2, so each word >> 30: 3 (redraw), 1 → 1; then 3, 3 (redraw), 1 → 1.
  it('closedbook: keeps examples with a short answer, even → train, odd → valid', async () => {
    const instances = await createNaturalQaScenario({ mode: 'closedbook' }).getInstances(context());
    expect(instances).toEqual([
      {
        input: { text: 'What is the capital of france?' },
        references: [{ output: { text: 'France' }, tags: ['correct'] }],
        split: 'train',
      },
      {
        input: { text: 'Which city is big?' },
        references: [{ output: { text: 'Lyon' }, tags: ['correct'] }],
        split: 'valid',
      },
    ]);
  });

  it('openbook_longans: the drawn short answer’s long answer is the passage', async () => {
    const instances = await createNaturalQaScenario({ mode: 'openbook_longans' }).getInstances(context());
    expect(instances.map((i) => i.input.text)).toEqual([
      'Passage: Paris is the capital\u00a0of France, says Caf\u00e9 Ren\u00e9 & co.\n\nQuestion: What is the capital of france?',
      'Passage: Lyon is second\n\nQuestion: Which city is big?',
    ]);
  });

  it('rejects modes other than closedbook and openbook_longans', () => {
    expect(() => createNaturalQaScenario({ mode: 'openbook_wiki' })).toThrow(/mode/);
  });
});
