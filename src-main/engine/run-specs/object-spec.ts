/**
 * HELM's object-spec descriptions (`parse_object_spec`, `src/helm/common/object_spec.py`):
 * `<name>:<key>=<value>,<key>=<value>`, each value converted to an int, else a float, else kept as a string.
 *
 * Deliberate difference: Python keeps `1.0` a float and prints it `1.0`; JavaScript numbers print integral
 * floats as `1`. No run entry we build has such a value.
 */
import { AppError } from '../../../src-shared/errors';

/** A description value after HELM's int → float → string conversion. */
export type ObjectSpecValue = string | number;

/** A parsed description: the run-spec function name and its args in description order. */
export interface ParsedObjectSpec {
  readonly name: string;
  /** Insertion order = description order (Python dicts keep it; run expanders apply in it). */
  readonly args: Readonly<Record<string, ObjectSpecValue>>;
}

// Python int(): optional sign, digits with single underscores between them, surrounding whitespace allowed.
const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
// Python float(): decimal or exponent forms, or inf/infinity/nan, case-insensitive.
const PY_FLOAT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.?(?:\d+(?:_\d+)*)?(?:[eE][+-]?\d+(?:_\d+)*)?|inf|infinity|nan)\s*$/i;

/** Python's conversion of a description value. */
export function convertObjectSpecValue(raw: string): ObjectSpecValue {
  if (PY_INT.test(raw)) return Number(raw.replace(/_/g, '').trim());
  const trimmed = raw.trim();
  if (PY_FLOAT.test(raw) && /\d|inf|nan/i.test(trimmed)) {
    const lower = trimmed.toLowerCase().replace(/_/g, '');
    if (lower.endsWith('nan')) return Number.NaN;
    if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
    return Number(lower);
  }
  return raw;
}

export function parseObjectSpec(description: string): ParsedObjectSpec {
  const colon = description.indexOf(':');
  if (colon < 0) return { name: description, args: {} };
  const args: Record<string, ObjectSpecValue> = {};
  for (const arg of description.slice(colon + 1).split(',')) {
    const equals = arg.indexOf('=');
    if (equals < 0) {
      throw new AppError({
        code: 'run-spec.bad-description',
        message: `Expected <key>=<value>, got '${arg}' in '${description}'.`,
      });
    }
    // A repeated key keeps its first position and the last value, as a Python dict built from pairs does.
    args[arg.slice(0, equals)] = convertObjectSpecValue(arg.slice(equals + 1));
  }
  return { name: description.slice(0, colon), args };
}

/** Python's `str(value)` for a converted value (integral floats excepted, see the file comment). */
export function pythonStr(value: ObjectSpecValue): string {
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
