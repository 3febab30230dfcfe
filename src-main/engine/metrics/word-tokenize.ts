/**
 * nltk's `word_tokenize` (nltk ~=3.7, used by HELM's `bleu_1`/`bleu_4`): split into sentences with Punkt,
 * then tokenize each sentence with `NLTKWordTokenizer` (the improved Penn Treebank regexes,
 * `nltk/tokenize/destructive.py`). The Treebank rules are re-implemented rule for rule, with Python's
 * Unicode `\w`/`\b` written as explicit Unicode classes.
 *
 * Deliberate deviation: Punkt is a trained model (`english.pickle`) that we do not ship. {@link sentTokenize}
 * approximates it: a sentence ends after `.`, `?` or `!` (plus closing quotes/brackets) followed by
 * whitespace, except after a known abbreviation, a single-letter initial, dotted initials (`U.S.`) or an
 * ellipsis, and except after a number when the next word starts in lower case. This only changes BLEU when
 * a sentence-internal period sits next to a word Punkt would classify differently.
 */

const WORD = '[\\p{L}\\p{N}\\p{Mn}\\p{Mc}_]';

type Rule = readonly [RegExp, string];

const STARTING_QUOTES: readonly Rule[] = [
  [/([«“‘„]|[`]+)/gu, ' $1 '],
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'{2})/gu, '$1 `` '],
  [new RegExp(`(?<!${WORD})(')(?!(?:re|ve|ll|m|t|s|d|n)(?!${WORD}))(?=${WORD})`, 'giu'), '$1 '],
];

const PUNCTUATION: readonly Rule[] = [
  [/([^.])(\.)([\])}>"'»”’ ]*)\s*$/u, '$1 $2 $3 '],
  [/([:,])([^\p{Nd}])/gu, ' $1 $2'],
  [/([:,])$/u, ' $1 '],
  [/\.{2,}/gu, ' $& '],
  [/[;@#$%&]/gu, ' $& '],
  [/[\u2012-\u2015]/gu, ' $& '],
  [/([^.])(\.)([\])}>"']*)\s*$/u, '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[*]/gu, ' $& '],
];

const PARENS_BRACKETS: Rule = [/[\][(){}<>]/gu, ' $& '];
const DOUBLE_DASHES: Rule = [/--/gu, ' -- '];

const ENDING_QUOTES: readonly Rule[] = [
  [/([»”’])/gu, ' $1 '],
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/\s+/gu, ' '],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

const START = `(?<!${WORD})`;
const END = `(?!${WORD})`;
const CONTRACTIONS: readonly RegExp[] = [
  new RegExp(`${START}(can)(not)${END}`, 'giu'),
  new RegExp(`${START}(d)('ye)${END}`, 'giu'),
  new RegExp(`${START}(gim)(me)${END}`, 'giu'),
  new RegExp(`${START}(gon)(na)${END}`, 'giu'),
  new RegExp(`${START}(got)(ta)${END}`, 'giu'),
  new RegExp(`${START}(lem)(me)${END}`, 'giu'),
  new RegExp(`${START}(more)('n)${END}`, 'giu'),
  new RegExp(`${START}(wan)(na)(?=\\s)`, 'giu'),
  new RegExp(` ('t)(is)${END}`, 'giu'),
  new RegExp(` ('t)(was)${END}`, 'giu'),
];

function applyRules(text: string, rules: readonly Rule[]): string {
  return rules.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text);
}

/** `NLTKWordTokenizer().tokenize(sentence)`. */
export function treebankTokenize(sentence: string): string[] {
  let text = applyRules(sentence, STARTING_QUOTES);
  text = applyRules(text, PUNCTUATION);
  text = applyRules(text, [PARENS_BRACKETS, DOUBLE_DASHES]);
  text = applyRules(` ${text} `, ENDING_QUOTES);
  for (const pattern of CONTRACTIONS) text = text.replace(pattern, ' $1 $2 ');
  return text.split(/\s+/u).filter((token) => token.length > 0);
}

/** Common English abbreviations Punkt's English model knows; a period after them does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'gen',
  'gov',
  'sen',
  'rep',
  'lt',
  'col',
  'capt',
  'sgt',
  'mt',
  'ft',
  'ave',
  'blvd',
  'rev',
  'messrs',
  'u.s',
  'u.k',
  'u.n',
]);

/** Whether the whitespace after `word` (which ends in . ? or !, maybe with closing quotes) ends a sentence. */
function endsSentence(word: string, nextWord: string): boolean {
  const core = word.replace(/["')\]}»”’]+$/u, '');
  if (!core.endsWith('.')) return /[?!]$/u.test(core);
  if (/\.\.$/u.test(core)) return false;
  const type = core
    .slice(0, -1)
    .replace(/^["'([{«“‘]+/u, '')
    .toLowerCase();
  if (ABBREVIATIONS.has(type)) return false;
  if (/^\p{L}$/u.test(type) || /^(\p{L}\.)+\p{L}$/u.test(type)) return false;
  if (/^[\p{N},.-]+$/u.test(type) && /^\p{Ll}/u.test(nextWord)) return false;
  return true;
}

/** Approximates Punkt's `sent_tokenize` (see the file comment). */
export function sentTokenize(text: string): string[] {
  const sentences: string[] = [];
  const pieces = text.split(/(\s+)/u);
  let current = '';
  for (let i = 0; i < pieces.length; i += 2) {
    const word = pieces[i] as string;
    const space = pieces[i + 1] ?? '';
    current += word;
    const nextWord = pieces[i + 2] ?? '';
    if (space !== '' && nextWord !== '' && /[.?!]["')\]}»”’]*$/u.test(word) && endsSentence(word, nextWord)) {
      sentences.push(current.trim());
      current = '';
    } else {
      current += space;
    }
  }
  if (current.trim() !== '') sentences.push(current.trim());
  return sentences;
}

/** nltk `word_tokenize(text)`. */
export function wordTokenize(text: string): string[] {
  return sentTokenize(text).flatMap(treebankTokenize);
}
