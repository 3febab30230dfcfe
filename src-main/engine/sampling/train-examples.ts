/**
 * In-context example sampling: `InContextLearningAdapter.sample_examples`
 * (`adaptation/adapters/in_context_learning_adapter.py`, identical at v0.3.0 and HEAD), driven by Python's
 * `random.seed(trial)` (docs/helm-fidelity.md §6).
 */
import { firstCorrectReference, type Instance } from '../../../src-shared/helm/instance';
import { PythonRandom } from '../rng/python-random';

/**
 * The train examples of one trial, in prompt order. With `sampleTrain` false, HELM takes the trial's
 * consecutive slice `train[m·t : m·(t+1)]`.
 */
export function sampleTrainExamples(
  train: readonly Instance[],
  maxTrainInstances: number,
  trialIndex: number,
  sampleTrain = true,
): Instance[] {
  const random = new PythonRandom(trialIndex);
  let remaining = Math.max(0, Math.min(train.length, maxTrainInstances));
  if (!sampleTrain) return train.slice(remaining * trialIndex, remaining * (trialIndex + 1));

  const unlabeled: Instance[] = [];
  const byLabel = new Map<string, Instance[]>();
  for (const instance of train) {
    const reference = firstCorrectReference(instance);
    if (reference === undefined) {
      unlabeled.push(instance);
      continue;
    }
    const label = reference.output.text;
    const list = byLabel.get(label);
    if (list) list.push(instance);
    else byLabel.set(label, [instance]);
  }

  // Labels in ascending string order (Python's `sorted` on str = code point order), grouped by frequency.
  const labelsByCount = new Map<number, string[]>();
  for (const label of [...byLabel.keys()].sort(compareCodePoints)) {
    const count = (byLabel.get(label) as Instance[]).length;
    const labels = labelsByCount.get(count);
    if (labels) labels.push(label);
    else labelsByCount.set(count, [label]);
  }
  const orderedLabels: string[] = [];
  for (const count of [...labelsByCount.keys()].sort((a, b) => b - a)) {
    // A one-label bucket's shuffle draws nothing, as in CPython.
    orderedLabels.push(...random.shuffle(labelsByCount.get(count) as string[]));
  }

  const examples: Instance[] = [];
  // `cycle(sorted_labels)`: stop on an empty label or an empty cycle (HELM's `if not next_label: break`).
  let position = 0;
  let labelledLeft = train.length - unlabeled.length;
  while (remaining > 0 && orderedLabels.length > 0) {
    const label = orderedLabels[position % orderedLabels.length] as string;
    position++;
    if (label === '') break;
    // Deliberate deviation: HELM cycles forever once every label list is empty while examples are still
    // wanted (0 < #labelled < m). We stop and fill the rest from the unlabeled instances instead.
    if (labelledLeft === 0) break;
    const list = byLabel.get(label) as Instance[];
    if (list.length === 0) continue;
    examples.push(list.splice(random.randrange(list.length), 1)[0] as Instance);
    labelledLeft--;
    remaining--;
  }
  return examples.concat(random.sample(unlabeled, remaining));
}

function compareCodePoints(a: string, b: string): number {
  // Python compares str by code point; JS `<` compares UTF-16 units, which differ above U+FFFF.
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = (left[i] as string).codePointAt(0) as number;
    const y = (right[i] as string).codePointAt(0) as number;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}
