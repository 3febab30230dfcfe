/**
 * JSON as HELM writes its run files: `json.dumps(asdict_without_nones(x), indent=2)`
 * (`src/helm/common/general.py`). `asdict_without_nones` drops None-valued *dataclass fields*; plain dicts
 * inside (finish_reason, top_logprobs, output_mapping, spec args, extra data) keep their None values.
 */

import { open } from 'node:fs/promises';

/** Fields of HELM records that hold plain dicts, copied as they are. */
const PLAIN_DICT_FIELDS = new Set([
  'finish_reason',
  'top_logprobs',
  'output_mapping',
  'args',
  'extra_data',
  'annotations',
  'error_flags',
]);

/** Drops null/undefined fields of records, recursively, except inside plain-dict fields. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === null || item === undefined) continue;
      out[key] = PLAIN_DICT_FIELDS.has(key) ? item : withoutNulls(item);
    }
    return out;
  }
  return value;
}

/** HELM's file text: records without nulls, 2-space indent. */
export function toHelmJson(value: unknown): string {
  return JSON.stringify(withoutNulls(value), null, 2);
}

/**
 * Writes {@link toHelmJson}'s exact text to `path` without building it whole: the top-level object's fields and
 * the items of top-level arrays (and of arrays one level down, like `request_states`) are converted and written
 * one at a time. A run's scenario_state.json at `--examples all` holds tens of thousands of request states; as
 * one string plus its null-free copy it would cost several times the run's own memory.
 */
export async function writeHelmJson(path: string, value: unknown): Promise<void> {
  const handle = await open(path, 'w');
  let buffered: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffered.length === 0) return;
    const text = buffered.join('');
    buffered = [];
    size = 0;
    await handle.write(text);
  };
  const emit = async (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size >= 1 << 20) await flush();
  };
  try {
    for (const chunk of helmJsonChunks(value, 0)) await emit(chunk);
    await flush();
  } finally {
    await handle.close();
  }
}

/** The pieces of `JSON.stringify(withoutNulls(value), null, 2)` at nesting `depth`, streaming up to two levels. */
function* helmJsonChunks(value: unknown, depth: number): Generator<string> {
  const pad = (level: number) => '  '.repeat(level);
  if (depth > 1 || value === null || typeof value !== 'object') {
    // As JSON.stringify writes an undefined array item.
    yield reindent(toHelmJson(value) ?? 'null', pad(depth));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[';
    for (const [index, item] of value.entries()) {
      yield `${index === 0 ? '' : ','}\n${pad(depth + 1)}`;
      yield* helmJsonChunks(item, depth + 1);
    }
    yield `\n${pad(depth)}]`;
    return;
  }
  const fields = Object.entries(value as Record<string, unknown>).filter(
    ([, item]) => item !== null && item !== undefined,
  );
  if (fields.length === 0) return void (yield '{}');
  yield '{';
  for (const [index, [key, item]] of fields.entries()) {
    yield `${index === 0 ? '' : ','}\n${pad(depth + 1)}${JSON.stringify(key)}: `;
    if (PLAIN_DICT_FIELDS.has(key)) yield reindent(JSON.stringify(item, null, 2), pad(depth + 1));
    else yield* helmJsonChunks(item, depth + 1);
  }
  yield `\n${pad(depth)}}`;
}

/** JSON text nested deeper: every line after the first gets `pad` (JSON strings never hold a raw line feed). */
function reindent(text: string, pad: string): string {
  return pad ? text.replace(/\n/g, `\n${pad}`) : text;
}
