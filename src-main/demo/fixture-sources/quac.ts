/**
 * QuAC fixture: `train_v0.2.json` and `val_v0.2.json`, `{"data": [dialogue]}` in the SQuAD-like layout
 * (`title`, `section_title`, `background`, `paragraphs[0]` with a `context` ending in ` CANNOTANSWER` and
 * `qas` of `question`, `answers`, `orig_answer`, `followup`, `yesno`, `id`). Every dialogue has 3–6 QAs
 * (HELM draws the cut with `randint(3, #qas)`); some answers are `CANNOTANSWER`.
 */
import { QUAC_BASE_URL } from '../../engine/scenarios/quac';
import type { FixtureSource } from './common';
import { FixtureText, pythonJson, utf8 } from './common';

function dialogue(text: FixtureText, id: string): unknown {
  const hero = text.name();
  const sentences = Array.from({ length: 3 }, () => text.sentence());
  const context = `${sentences.join(' ')} CANNOTANSWER`;
  const qaCount = 3 + text.int(4);
  const qas = Array.from({ length: qaCount }, (_, q) => {
    const cannotAnswer = q % 4 === 3;
    const answer = cannotAnswer ? 'CANNOTANSWER' : (sentences[q % sentences.length] ?? '');
    const start = cannotAnswer ? context.length - 'CANNOTANSWER'.length : context.indexOf(answer);
    const span = { text: answer, answer_start: start };
    return {
      followup: 'y',
      yesno: 'x',
      question: q === 0 ? `What did ${hero} do first?` : `What happened next?`,
      answers: cannotAnswer
        ? [span, span]
        : [span, { text: answer.split(' ').slice(0, 3).join(' '), answer_start: start }],
      id: `${id}_q#${q}`,
      orig_answer: span,
    };
  });
  return {
    paragraphs: [{ context, qas, id: `${id}` }],
    section_title: 'Early life',
    background: `${hero} is a character from ${text.phrase()}. ${text.sentence()}`,
    title: hero,
  };
}

export const quacSource: FixtureSource = {
  scenarios: ['quac'],
  async files() {
    return [
      ['train', 10, 91],
      ['val', 14, 92],
    ].map(([file, count, seed]) => {
      const text = new FixtureText(Number(seed));
      const data = Array.from({ length: Number(count) }, (_, i) => dialogue(text, `C_${String(file)}${i}_1`));
      return { url: `${QUAC_BASE_URL}/${String(file)}_v0.2.json`, data: utf8(pythonJson({ data })) };
    });
  },
};
