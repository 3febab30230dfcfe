/**
 * Display names of the HELM Classic core scenarios, by the engine's scenario name (`natural_qa`, `narrativeqa`,
 * `commonsense` datasets) or a run group / run-name prefix (`natural_qa_openbook_longans`, `msmarco_trec`), as
 * HELM's schema names them. Unknown names are shown as they are.
 */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  mmlu: 'MMLU',
  boolq: 'BoolQ',
  narrativeqa: 'NarrativeQA',
  narrative_qa: 'NarrativeQA',
  natural_qa: 'NaturalQuestions',
  natural_qa_closedbook: 'NaturalQuestions (closed-book)',
  natural_qa_openbook_longans: 'NaturalQuestions (open-book)',
  quac: 'QuAC',
  hellaswag: 'HellaSwag',
  openbookqa: 'OpenbookQA',
  commonsense: 'HellaSwag / OpenbookQA',
  truthful_qa: 'TruthfulQA',
  msmarco: 'MS MARCO',
  msmarco_regular: 'MS MARCO (regular)',
  msmarco_trec: 'MS MARCO (TREC)',
  summarization: 'CNN/DailyMail / XSUM',
  summarization_cnndm: 'CNN/DailyMail',
  summarization_xsum: 'XSUM',
  imdb: 'IMDB',
  raft: 'RAFT',
  civil_comments: 'CivilComments',
};

/** `boolq` → `BoolQ`; `mmlu:subject=anatomy,…` → `MMLU`; anything unknown unchanged. */
export function scenarioDisplayName(name: string): string {
  const head = name.split(':')[0] ?? name;
  return DISPLAY_NAMES[head] ?? DISPLAY_NAMES[head.toLowerCase()] ?? head;
}
