/**
 * NaturalQuestions fixture: the five dev shards `nq-dev-0{0..4}.jsonl.gz`, one example per line in the
 * original (not simplified) format: `document_html`, `question_text`, `annotations` with `long_answer` and
 * `short_answers` as UTF-8 byte spans of the HTML, `long_answer_candidates`, ids and title. Per shard 6
 * examples with a short answer (HELM alternates them train/valid) and one without (HELM skips it).
 */
import { gzipSync } from 'node:zlib';
import { NATURAL_QA_BASE_URL, NATURAL_QA_FILES } from '../../engine/scenarios/natural-qa';
import type { FixtureSource } from './common';
import { FixtureText, jsonLines } from './common';

interface Span {
  readonly start_byte: number;
  readonly end_byte: number;
  readonly start_token: number;
  readonly end_token: number;
}

/** An example whose long answer is a `<P>` paragraph and whose short answer is a phrase inside it. */
function example(text: FixtureText, id: number, hasShortAnswer: boolean): unknown {
  const title = `${text.noun()} ${text.noun()}`.replace(/^./, (c) => c.toUpperCase());
  const answer = text.phrase();
  const paragraph = `<P> The story of ${title} begins when ${text.name()} found ${answer} &amp; ${text.sentence()} </P>`;
  const before = `<HTML><HEAD><TITLE>${title} - Wikipedia</TITLE></HEAD><BODY><H1>${title}</H1>`;
  const html = `${before}${paragraph}<P>${text.sentences(2)}</P></BODY></HTML>`;
  const byteOffset = (prefix: string): number => Buffer.byteLength(prefix, 'utf8');
  const longStart = byteOffset(before);
  const long: Span = {
    start_byte: longStart,
    end_byte: longStart + byteOffset(paragraph),
    start_token: 10,
    end_token: 40,
  };
  const shortStart = longStart + byteOffset(paragraph.slice(0, paragraph.indexOf(answer)));
  const short: Span = {
    start_byte: shortStart,
    end_byte: shortStart + byteOffset(answer),
    start_token: 20,
    end_token: 23,
  };
  return {
    annotations: [
      {
        annotation_id: id * 7919,
        long_answer: { ...long, candidate_index: 0 },
        short_answers: hasShortAnswer ? [short] : [],
        yes_no_answer: 'NONE',
      },
    ],
    document_html: html,
    document_title: title,
    document_url: `https://en.wikipedia.org//w/index.php?title=${title.replace(/ /g, '_')}&amp;oldid=${800000000 + id}`,
    example_id: 5225754983651766000 + id,
    long_answer_candidates: [{ ...long, top_level: true }],
    question_text: `what did the story of ${title.toLowerCase()} start with`,
    question_tokens: [],
  };
}

export const naturalQaSource: FixtureSource = {
  scenarios: ['natural_qa'],
  async files() {
    return NATURAL_QA_FILES.map((file, shard) => {
      const text = new FixtureText(81 + shard);
      const examples = Array.from({ length: 7 }, (_, i) => example(text, shard * 100 + i, i !== 3));
      return { url: `${NATURAL_QA_BASE_URL}/${file}`, data: gzipSync(jsonLines(examples)) };
    });
  },
};
