/**
 * What each board family asks of a model, per leaderboard column, for the wizard's Budget and Model steps and the
 * CLI (docs/helm-lite.md §1). Data only: a new family adds its rows.
 */

export interface ColumnNeeds {
  /** Leaf run group (schema column). */
  readonly group: string;
  /** Works in chat mode (false: needs prompt logprobs, i.e. completions with echo). */
  readonly chat: boolean;
  /** Longest generation, in tokens (HELM's `max_tokens`). */
  readonly maxTokens: number;
  readonly note?: string;
}

export interface BoardFamilyInfo {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Mode that suits the family's typical models. */
  readonly suggestedMode: 'chat' | 'completions';
  readonly columns: readonly ColumnNeeds[];
}

export const BOARD_FAMILY_INFO: readonly BoardFamilyInfo[] = [
  {
    id: 'classic',
    title: 'HELM Classic',
    summary: '16 core scenarios (2022–2023 models: GPT-3, OPT, BLOOM, Llama 2, …); base models in completions mode.',
    suggestedMode: 'completions',
    columns: [
      { group: 'hellaswag', chat: false, maxTokens: 0, note: 'scores each ending by its logprobs (echo)' },
      { group: 'openbookqa', chat: false, maxTokens: 0, note: 'scores each choice by its logprobs (echo)' },
      { group: 'msmarco_regular', chat: false, maxTokens: 5, note: 'ranks passages by answer logprobs' },
      { group: 'msmarco_trec', chat: false, maxTokens: 5, note: 'ranks passages by answer logprobs' },
      { group: 'natural_qa_openbook_longans', chat: true, maxTokens: 300 },
      { group: 'natural_qa_closedbook', chat: true, maxTokens: 300 },
      { group: 'summarization_cnndm', chat: true, maxTokens: 128 },
    ],
  },
  {
    id: 'lite',
    title: 'HELM Lite',
    summary:
      '10 scenarios of the GPT-4o / Claude 3.5 / Llama 3.x generation; every scenario works in chat mode, and instruction-following models get HELM’s format instructions.',
    suggestedMode: 'chat',
    columns: [
      { group: 'math_chain_of_thought', chat: true, maxTokens: 400, note: 'chain-of-thought solutions, 8 examples' },
      { group: 'gsm', chat: true, maxTokens: 400, note: 'step-by-step answers, 5 examples' },
      { group: 'natural_qa_openbook_longans', chat: true, maxTokens: 300 },
      { group: 'natural_qa_closedbook', chat: true, maxTokens: 300 },
      { group: 'narrative_qa', chat: true, maxTokens: 100 },
      { group: 'wmt_14', chat: true, maxTokens: 100, note: 'the first run downloads WMT14’s whole train split' },
      { group: 'legalbench', chat: true, maxTokens: 30 },
      { group: 'mmlu', chat: true, maxTokens: 1, note: 'answers with one letter' },
      { group: 'openbookqa', chat: true, maxTokens: 1, note: 'answers with one letter' },
      { group: 'med_qa', chat: true, maxTokens: 1, note: 'answers with one letter' },
    ],
  },
];

/** The family of a project id, if known. */
export function boardFamilyInfo(id: string): BoardFamilyInfo | undefined {
  return BOARD_FAMILY_INFO.find((family) => family.id === id);
}

/** One line per column with a need worth saying (chat mode impossible, or long generations). */
export function familyNeeds(id: string): string[] {
  const family = boardFamilyInfo(id);
  if (!family) return [];
  return family.columns
    .filter((column) => !column.chat || column.maxTokens >= 100 || column.note)
    .map(
      (column) =>
        `${column.group}: ${column.chat ? 'chat or completions' : 'completions only'}, up to ${column.maxTokens} tokens${column.note ? ` — ${column.note}` : ''}`,
    );
}
