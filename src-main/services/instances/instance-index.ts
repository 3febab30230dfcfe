/**
 * The per-instance view of one HELM run directory, built without holding its files in memory: one pass over
 * `scenario_state.json` keeps, per evaluated instance (train trial 0, unperturbed, as the rank statistics use it),
 * the byte ranges of its request states; one pass over `per_instance_stats.json` keeps its main-metric value. A page
 * then reads only its own instances' request states back from the file. A 1,000-instance run costs a few hundred
 * kilobytes of index, whatever the size of its prompts.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { InstanceView } from '../../../src-shared/api/instances';
import { AppError } from '../../../src-shared/errors';
import { parsePythonJson } from '../../../src-shared/helm/validate';
import type { ColumnSpec } from '../../../src-shared/leaderboard/schema';
import { readMainMetricFile } from '../board-instances/per-instance-reader';
import { scanJsonArray } from './json-array-scanner';

/** One evaluated instance: where its request states are, and its score. */
interface IndexedInstance {
  readonly id: string;
  readonly split: string | null;
  readonly subSplit: string | null;
  /** Byte ranges of its request states in `scenario_state.json`, in file order. */
  readonly ranges: { offset: number; length: number }[];
  score: number | null;
}

export interface InstanceIndex {
  readonly directory: string;
  readonly metric: string;
  readonly instances: readonly IndexedInstance[];
}

/** Request states shown per instance (MS MARCO's can have hundreds: the rest are counted, not read). */
const MAX_REQUESTS_SHOWN = 12;

const headSchema = z.looseObject({
  instance: z.looseObject({
    id: z.string().optional(),
    split: z.string().optional(),
    sub_split: z.string().optional(),
    perturbation: z.unknown().optional(),
  }),
  train_trial_index: z.number(),
});

const stateSchema = z.looseObject({
  instance: z.looseObject({
    references: z.array(z.looseObject({ output: z.looseObject({ text: z.string() }), tags: z.array(z.string()) })),
  }),
  reference_index: z.number().nullable().optional(),
  request_mode: z.string().nullable().optional(),
  output_mapping: z.record(z.string(), z.string()).nullable().optional(),
  request: z.looseObject({ prompt: z.string() }),
  result: z
    .looseObject({
      success: z.boolean().optional(),
      error: z.string().optional(),
      completions: z.array(z.looseObject({ text: z.string(), logprob: z.number().nullable().optional() })),
    })
    .nullable()
    .optional(),
});

/** Builds the index of a run directory; `column` names the main metric (null: no score column). */
export async function buildInstanceIndex(directory: string, column: Pick<ColumnSpec, 'metric' | 'split'> | null) {
  const byId = new Map<string, IndexedInstance>();
  const statePath = join(directory, 'scenario_state.json');
  await scanJsonArray(
    statePath,
    (element) => {
      const head = headSchema.safeParse(parsePythonJson(element.text));
      if (!head.success) throw badFile(statePath, head.error.message);
      const { instance, train_trial_index: trial } = head.data;
      if (trial !== 0 || instance.perturbation) return;
      const id = instance.id ?? `#${byId.size}`;
      const entry = byId.get(id) ?? {
        id,
        split: instance.split ?? null,
        subSplit: instance.sub_split ?? null,
        ranges: [],
        score: null,
      };
      entry.ranges.push({ offset: element.offset, length: element.length });
      byId.set(id, entry);
    },
    { key: 'request_states' },
  );
  let metric = column?.metric ?? '';
  if (column) {
    const values = await readMainMetricFile(join(directory, 'per_instance_stats.json'), column);
    metric = values.metric;
    for (const subSplit of Object.values(values.subSplits))
      subSplit.ids.forEach((id, k) => {
        const entry = byId.get(id);
        if (entry && entry.score === null) entry.score = subSplit.values[k] ?? null;
      });
  }
  return { directory, metric, instances: [...byId.values()] } satisfies InstanceIndex;
}

/** Below full marks: the "wrong only" filter (exact-match metrics: wrong; graded ones: not fully right). */
export function isWrong(score: number | null): boolean {
  return score !== null && score < 1 - 1e-9;
}

/** Reads the request states of `instances` back from the file and turns each into what the viewer shows. */
export async function readInstanceViews(
  index: InstanceIndex,
  instances: readonly IndexedInstance[],
): Promise<InstanceView[]> {
  const path = join(index.directory, 'scenario_state.json');
  const handle = await open(path, 'r');
  try {
    const views: InstanceView[] = [];
    for (const instance of instances) {
      const states = [];
      for (const range of instance.ranges.slice(0, MAX_REQUESTS_SHOWN)) {
        const buffer = Buffer.alloc(range.length);
        await handle.read(buffer, 0, range.length, range.offset);
        const parsed = stateSchema.safeParse(parsePythonJson(buffer.toString('utf8')));
        if (!parsed.success) throw badFile(path, parsed.error.message);
        states.push(parsed.data);
      }
      const first = states[0];
      views.push({
        id: instance.id,
        split: instance.split,
        subSplit: instance.subSplit,
        prompt: first?.request.prompt ?? '',
        outputs: states.map(describeOutput),
        references: (first?.instance.references ?? []).map((reference) => ({
          text: reference.output.text,
          isCorrect: reference.tags.includes('correct'),
        })),
        score: instance.score,
        requests: instance.ranges.length,
      });
    }
    return views;
  } finally {
    await handle.close();
  }
}

/** One line per request: the completion (with the chosen option's text for joint multiple choice), or the scored reference. */
function describeOutput(state: z.infer<typeof stateSchema>): string {
  const result = state.result;
  if (!result) return '(no answer recorded)';
  if (result.success === false) return `(failed: ${result.error ?? 'no reason given'})`;
  const completion = result.completions[0];
  if (!completion) return '(empty answer)';
  if (state.reference_index !== undefined && state.reference_index !== null) {
    // Separate scoring: the request scored one reference by its log-probability.
    const reference = state.instance.references[state.reference_index]?.output.text ?? `#${state.reference_index}`;
    const mode = state.request_mode && state.request_mode !== 'original' ? ` (${state.request_mode})` : '';
    return `${reference}${mode}: logprob ${completion.logprob?.toFixed(3) ?? '—'}`;
  }
  const letter = completion.text.trim();
  const mapped = state.output_mapping?.[letter];
  return mapped === undefined ? completion.text : `${completion.text} → ${mapped}`;
}

function badFile(path: string, cause: string): AppError {
  return new AppError({ code: 'instances.bad-file', message: `${path} is not a valid HELM scenario state.`, cause });
}

/** A cache key that changes when the file does (a resumed run rewrites its directories). */
export async function fileStamp(directory: string): Promise<string> {
  const info = await stat(join(directory, 'scenario_state.json'));
  return `${directory}\u0000${info.size}\u0000${info.mtimeMs}`;
}
