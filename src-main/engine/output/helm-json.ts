/**
 * JSON as HELM writes its run files: `json.dumps(asdict_without_nones(x), indent=2)`
 * (`src/helm/common/general.py`). `asdict_without_nones` drops None-valued *dataclass fields*; plain dicts
 * inside (finish_reason, top_logprobs, output_mapping, spec args, extra data) keep their None values.
 */

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
