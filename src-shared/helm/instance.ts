/**
 * HELM's Scenario records (`src/helm/benchmark/scenarios/scenario.py`): Instance, Reference, splits and tags.
 */

export const TRAIN_SPLIT = 'train';
export const VALID_SPLIT = 'valid';
export const TEST_SPLIT = 'test';
/** Splits pooled for eval-instance sampling (docs/helm-fidelity.md §5). */
export const EVAL_SPLITS: readonly string[] = [VALID_SPLIT, TEST_SPLIT];
export const CORRECT_TAG = 'correct';

/** Text input of an instance (HELM `Input`; multimedia is out of scope). */
export interface Input {
  readonly text: string;
}

/** Text output of a reference (HELM `Output`). */
export interface Output {
  readonly text: string;
}

/** One candidate answer; `tags` contains `correct` for gold answers (HELM `Reference`). */
export interface Reference {
  readonly output: Output;
  readonly tags: readonly string[];
}

/** One example of a scenario (HELM `Instance`). */
export interface Instance {
  readonly input: Input;
  readonly references: readonly Reference[];
  /** `train`, `valid` or `test`. */
  readonly split?: string;
  /** `toxic` / `non-toxic` for CivilComments; absent elsewhere. */
  readonly sub_split?: string;
  /** `id0`, `id1`, … by position in the scenario's whole list (train included). */
  readonly id?: string;
  readonly perturbation?: Readonly<Record<string, unknown>>;
  /** Ranking scenarios (MS MARCO) attach extra data (HELM `extra_data`). */
  readonly extra_data?: Readonly<Record<string, unknown>>;
}

export function isCorrect(reference: Reference): boolean {
  return reference.tags.includes(CORRECT_TAG);
}

/** The first correct reference, as HELM's `Instance.first_correct_reference`. */
export function firstCorrectReference(instance: Instance): Reference | undefined {
  return instance.references.find(isCorrect);
}

/** All correct references (HELM `Instance.all_correct_references`). */
export function correctReferences(instance: Instance): readonly Reference[] {
  return instance.references.filter(isCorrect);
}
