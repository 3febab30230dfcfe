/**
 * The Efficient-HELM run entries (`presentation/run_entries_core_scenarios_{10,20,50,100,1000}.conf`, HEAD;
 * added in d46756ae8, perturbations dropped in 9ce51b9b7): 38 entries with the same descriptions and
 * priorities in every file, each ending with `,max_eval_instances=<count for that N>`. Kept as our own data;
 * a test checks it against the confs (docs/helm-fidelity.md §3.1).
 */
import { AppError } from '../../../src-shared/errors';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import type { RunEntry } from './run-entries';

type Counts = readonly [number, number, number, number, number];

const ALL_N: Counts = EFFICIENT_SIZES;
const MMLU: Counts = [2, 4, 10, 20, 200];
const RAFT: Counts = [1, 2, 4, 9, 90];
const CIVIL: Counts = [1, 2, 4, 11, 110];
const CIVIL_5: Counts = [1, 2, 5, 11, 110];

/** [description without max_eval_instances, priority, max_eval_instances for N = 10, 20, 50, 100, 1000]. */
const ENTRIES: readonly (readonly [string, number, Counts])[] = [
  ['boolq:model=text', 1, ALL_N],
  ['narrative_qa:model=text', 2, ALL_N],
  ['quac:model=text', 1, ALL_N],
  ['natural_qa:model=text,mode=openbook_longans', 1, ALL_N],
  ['natural_qa:model=text,mode=closedbook', 1, ALL_N],
  ['commonsense:model=full_functionality_text,dataset=hellaswag,method=multiple_choice_separate_original', 1, ALL_N],
  ['commonsense:model=full_functionality_text,dataset=openbookqa,method=multiple_choice_separate_calibrated', 2, ALL_N],
  ['truthful_qa:model=text,task=mc_single', 1, ALL_N],
  ['mmlu:model=text,subject=abstract_algebra', 2, MMLU],
  ['mmlu:model=text,subject=college_chemistry', 2, MMLU],
  ['mmlu:model=text,subject=computer_security', 2, MMLU],
  ['mmlu:model=text,subject=econometrics', 2, MMLU],
  ['mmlu:model=text,subject=us_foreign_policy', 2, MMLU],
  ['msmarco:model=full_functionality_text,track=regular,valid_topk=30', 2, ALL_N],
  ['msmarco:model=full_functionality_text,track=trec,valid_topk=30', 1, ALL_N],
  ['summarization_cnndm:model=text,temperature=0.3,device=cpu', 1, ALL_N],
  ['summarization_xsum_sampled:model=text,temperature=0.3,device=cpu', 1, ALL_N],
  ['imdb:model=text', 1, ALL_N],
  ['raft:subset=ade_corpus_v2,model=text', 2, RAFT],
  ['raft:subset=banking_77,model=text', 2, RAFT],
  ['raft:subset=neurips_impact_statement_risks,model=text', 2, RAFT],
  ['raft:subset=one_stop_english,model=text', 2, RAFT],
  ['raft:subset=overruling,model=text', 2, RAFT],
  ['raft:subset=semiconductor_org_types,model=text', 2, RAFT],
  ['raft:subset=tweet_eval_hate,model=text', 2, RAFT],
  ['raft:subset=twitter_complaints,model=text', 2, RAFT],
  ['raft:subset=systematic_review_inclusion,model=text', 2, RAFT],
  ['raft:subset=tai_safety_research,model=text', 2, [1, 1, 5, 9, 90]],
  ['raft:subset=terms_of_service,model=text', 2, [1, 1, 5, 10, 100]],
  ['civil_comments:model=text,demographic=all', 1, CIVIL],
  ['civil_comments:model=text,demographic=male', 2, CIVIL],
  ['civil_comments:model=text,demographic=female', 2, CIVIL],
  ['civil_comments:model=text,demographic=LGBTQ', 2, CIVIL],
  ['civil_comments:model=text,demographic=christian', 2, CIVIL],
  ['civil_comments:model=text,demographic=muslim', 2, CIVIL_5],
  ['civil_comments:model=text,demographic=other_religions', 2, CIVIL_5],
  ['civil_comments:model=text,demographic=black', 2, [1, 3, 5, 11, 110]],
  ['civil_comments:model=text,demographic=white', 2, [2, 3, 5, 12, 120]],
];

/**
 * The 38 entries of `run_entries_core_scenarios_<n>.conf`, in file order. `all` deliberately deviates from
 * HELM's `_all` conf: the same entries without `max_eval_instances` (whole pools) and without
 * `data_augmentation=canonical`, since perturbations are not implemented; run names are then `…:model=<org>_<name>`.
 */
export function runEntriesFor(n: number | 'all'): RunEntry[] {
  if (n === 'all') return ENTRIES.map(([description, priority]) => ({ description, priority }));
  const column = (EFFICIENT_SIZES as readonly number[]).indexOf(n);
  if (column < 0) {
    throw new AppError({
      code: 'run-spec.bad-size',
      message: `There is no Efficient-HELM conf for ${n} examples.`,
      details: { sizes: EFFICIENT_SIZES },
    });
  }
  return ENTRIES.map(([description, priority, counts]) => ({
    description: `${description},max_eval_instances=${counts[column] ?? 0}`,
    priority,
  }));
}
