/**
 * Python `str` semantics that HELM's prompts and metrics rely on, where JavaScript differs: `str.isspace`
 * (used by `strip`, `rstrip` and `split()`) includes U+001C–U+001F and U+0085 but not U+FEFF, and `re`'s `\w`
 * / `\b` are Unicode-aware for str patterns, while JS `\s` and `\b` are not the same sets.
 */

/** Characters for which Python's `str.isspace()` is true. */
export const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's Unicode `\w` for str patterns: letters, numbers (`str.isalnum`) and `_`. */
export const PYTHON_WORD = '\\p{L}\\p{N}_';

const LEADING = new RegExp(`^[${PYTHON_WHITESPACE}]+`, 'u');
const TRAILING = new RegExp(`[${PYTHON_WHITESPACE}]+$`, 'u');
const RUNS = new RegExp(`[${PYTHON_WHITESPACE}]+`, 'u');

/** `str.rstrip()` with no argument. */
export function pythonRstrip(text: string): string {
  return text.replace(TRAILING, '');
}

/** `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** `str.split()` with no argument: split on whitespace runs, dropping empty strings. */
export function pythonSplit(text: string): string[] {
  const stripped = pythonStrip(text);
  return stripped === '' ? [] : stripped.split(RUNS);
}

/** `str.isalnum()` for one character. */
export function isPythonAlnum(character: string): boolean {
  return /^[\p{L}\p{N}]$/u.test(character);
}
