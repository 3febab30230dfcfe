/**
 * HELM's MATH answer equivalence (`scenarios/math_scenario.py`, from Hendrycks et al.'s `hendrycks/math`):
 * `math_equiv` compares two answers after `_strip_string`; `math_equiv_chain_of_thought` first extracts the
 * last `\boxed{…}` of the gold solution and of the completion (docs/helm-fidelity.md §10).
 *
 * Python semantics kept: strings are indexed by code point (`_fix_fracs`, `_fix_sqrt`, the `k = ` rule); any
 * exception inside `_strip_string` (an empty `\sqrt` or `\frac` argument, two `\text{ ` units) makes
 * `is_equiv` fall back to plain string equality; two missing answers are equivalent (1.0), one missing is 0.
 */

/** `last_boxed_only_string`: the last `\boxed…` (else `\fbox…`) up to its matching brace, or null. */
export function lastBoxedOnlyString(text: string): string | null {
  let index = text.lastIndexOf('\\boxed');
  if (index < 0) {
    index = text.lastIndexOf('\\fbox');
    if (index < 0) return null;
  }
  let open = 0;
  for (let i = index; i < text.length; i++) {
    const character = text[i];
    if (character === '{') open++;
    if (character === '}') {
      open--;
      if (open === 0) return text.slice(index, i + 1);
    }
  }
  return null;
}

/** `remove_boxed`: the content of `\boxed{…}`, or null when the string is not exactly that form. */
export function removeBoxed(text: string): string | null {
  const left = '\\boxed{';
  if (text.startsWith(left) && text.endsWith('}') && text.length >= left.length + 1) {
    return text.slice(left.length, -1);
  }
  return null;
}

/** `get_answer`: the content of the solution's last `\boxed{…}`. */
export function getAnswer(solution: string | null): string | null {
  if (solution === null) return null;
  const boxed = lastBoxedOnlyString(solution);
  return boxed === null ? null : removeBoxed(boxed);
}

/** Thrown where Python raises inside `_strip_string` (IndexError, AssertionError). */
class StripError extends Error {}

const codePoints = (text: string): string[] => Array.from(text);

function fixFracs(text: string): string {
  const parts = text.split('\\frac');
  let result = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    result += '\\frac';
    const chars = codePoints(part);
    if (chars.length === 0) throw new StripError('empty \\frac argument');
    if (chars[0] === '{') {
      result += part;
      continue;
    }
    // Python's `assert len(substr) >= 2` is caught locally: the whole input is returned unchanged.
    if (chars.length < 2) return text;
    const [a = '', b = ''] = chars;
    const rest = chars.slice(2).join('');
    result += b !== '{' ? `{${a}}{${b}}${rest}` : `{${a}}${b}${rest}`;
  }
  return result;
}

/** Python `int(s)` followed by `"{}/{}".format(a, b) == s`: only canonical ASCII integers survive. */
const CANONICAL_INT = /^(?:0|-?[1-9][0-9]*)$/;

function fixASlashB(text: string): string {
  const parts = text.split('/');
  if (parts.length !== 2) return text;
  const [a = '', b = ''] = parts;
  if (!CANONICAL_INT.test(a) || !CANONICAL_INT.test(b)) return text;
  return `\\frac{${a}}{${b}}`;
}

function removeRightUnits(text: string): string {
  if (!text.includes('\\text{ ')) return text;
  const parts = text.split('\\text{ ');
  if (parts.length !== 2) throw new StripError('more than one \\text{ unit');
  return parts[0] ?? '';
}

function fixSqrt(text: string): string {
  if (!text.includes('\\sqrt')) return text;
  const parts = text.split('\\sqrt');
  let result = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    const chars = codePoints(part);
    if (chars.length === 0) throw new StripError('empty \\sqrt argument');
    result += chars[0] !== '{' ? `\\sqrt{${chars[0]}}${chars.slice(1).join('')}` : `\\sqrt${part}`;
  }
  return result;
}

/** `_strip_string`. */
export function stripMathString(input: string): string {
  let text = input.replaceAll('\n', '');
  text = text.replaceAll('\\!', '');
  text = text.replaceAll('\\\\', '\\');
  text = text.replaceAll('tfrac', 'frac').replaceAll('dfrac', 'frac');
  text = text.replaceAll('\\left', '').replaceAll('\\right', '');
  text = text.replaceAll('^{\\circ}', '').replaceAll('^\\circ', '');
  text = text.replaceAll('\\$', '');
  text = removeRightUnits(text);
  // Python's "\\%" and "\%" are the same two characters.
  text = text.replaceAll('\\%', '');
  text = text.replaceAll(' .', ' 0.').replaceAll('{.', '{0.');
  if (text.length === 0) return text;
  if (text.startsWith('.')) text = `0${text}`;
  const sides = text.split('=');
  if (sides.length === 2 && codePoints(sides[0] ?? '').length <= 2) text = sides[1] ?? '';
  text = fixSqrt(text);
  text = text.replaceAll(' ', '');
  text = fixFracs(text);
  if (text === '0.5') text = '\\frac{1}{2}';
  return fixASlashB(text);
}

/** `is_equiv`. */
export function isEquiv(a: string | null, b: string | null): number {
  if (a === null && b === null) return 1;
  if (a === null || b === null) return 0;
  try {
    return stripMathString(a) === stripMathString(b) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof StripError)) throw error;
    return a === b ? 1 : 0;
  }
}

/** `is_equiv_chain_of_thought(gold solution, completion)`. */
export function isEquivChainOfThought(gold: string, prediction: string | null): number {
  return isEquiv(getAnswer(gold), getAnswer(prediction));
}
