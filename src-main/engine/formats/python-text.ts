/**
 * Python `str` semantics HELM's scenarios, prompts and metrics rely on, where JavaScript differs (the engine's one
 * home for them): `str.isspace` (used by `strip`, `rstrip` and `split()`) includes U+001C–U+001F and U+0085 but
 * not U+FEFF, unlike `String.prototype.trim`; `re`'s `\w` / `\b` are Unicode-aware for str patterns;
 * `str.capitalize()` (first character title-cased, the rest lower); `ord(s[0])` (a code point); and text-mode
 * `open()`'s universal newlines (`\r\n` and `\r` read as `\n`).
 */

/** Characters for which Python's `str.isspace()` is true (CPython's _PyUnicode_IsWhitespace table). */
export const PYTHON_WHITESPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's Unicode `\w` for str patterns: letters, numbers (`str.isalnum`) and `_`. */
export const PYTHON_WORD = '\\p{L}\\p{N}_';

const LEADING = new RegExp(`^[${PYTHON_WHITESPACE}]+`, 'u');
const TRAILING = new RegExp(`[${PYTHON_WHITESPACE}]+$`, 'u');
const RUNS = new RegExp(`[${PYTHON_WHITESPACE}]+`, 'u');

/** `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '');
}

/** `str.rstrip()` with no argument. */
export function pythonRstrip(text: string): string {
  return text.replace(TRAILING, '');
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

// Characters whose title case is neither their upper case nor derivable from it: the Latin digraphs, and ŉ.
const TITLE_CASE: Readonly<Record<string, string>> = {
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
  ŉ: 'ʼN',
};

/** Python's title case of one character: an upper case that expands (ß → SS, ﬁ → FI) keeps only its first letter upper. */
function titleCase(char: string): string {
  const special = TITLE_CASE[char];
  if (special !== undefined) return special;
  // Georgian Mkhedruli letters have an upper case (Mtavruli) but title-case to themselves.
  if (/^[\u10D0-\u10FA\u10FD-\u10FF]$/.test(char)) return char;
  const upper = char.toUpperCase();
  // Greek letters with ypogegrammeni (ᾳ → ΑΙ upper) keep the ypogegrammeni in title case (ᾳ → ᾼ).
  if (upper.length > 1 && upper.endsWith('\u0399') && char.normalize('NFD').includes('\u0345'))
    return `${upper.slice(0, -1)}\u0345`.normalize('NFC');
  const first = String.fromCodePoint(upper.codePointAt(0) ?? 0);
  return upper.length > first.length ? first + upper.slice(first.length).toLowerCase() : upper;
}

/** Python `s.capitalize()` (CPython ≥ 3.8): the first character title-cased, the rest lower-cased. */
export function pythonCapitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  return titleCase(head) + text.slice(head.length).toLowerCase();
}

/** Python `ord(s[0])`: the first code point (not UTF-16 unit). */
export function firstCodePoint(text: string): number {
  const first = text.codePointAt(0);
  if (first === undefined) throw new Error('empty string has no first character');
  return first;
}

/** What Python's text-mode `open().read()` returns for these bytes (UTF-8, universal newlines). */
export function readPythonText(bytes: Buffer | string): string {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  return text.replace(/\r\n?/g, '\n');
}
