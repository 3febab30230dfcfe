/**
 * A targeted reader of `stats.json` for the importer (issue #12). HELM writes every stats.json the same way (Python's
 * `json.dump` of its `Stat` dataclasses: fixed key order, ASCII only); one regular expression per stat recognizes
 * exactly that form, in native code, and `JSON.parse` runs only on the few stats whose metric name is wanted (the
 * ones a board's tables read, of thousands). The expression accepts only text that is valid JSON and whose stat
 * passes the fast validators (src-shared/helm/validate-fast.ts): every key once and in HELM's order, strings of printable ASCII
 * without escapes, counts that are safe non-negative integers, numbers too short to overflow. Anything else (a
 * `NaN`, an unknown key, another order) makes {@link StatsScanner.scan} return null and the caller parses the whole
 * file, which decides and words the problem. Checked against `JSON.parse` on every stats.json of ../shared/data and
 * on mutations of them (stats-scan.test.ts).
 */
import type { Stat } from '../../../src-shared/helm/stat';

const W = '[ \\t\\n\\r]*';
/** A string of printable ASCII without `"` or `\`: decoded the same as latin-1 and UTF-8, no escapes. */
const STRING = '"[ !#-\\[\\]-~]*"';
/** A non-negative integer of at most 15 digits: always a safe integer. */
const COUNT = '(?:0|[1-9][0-9]{0,14})';
/** A JSON number that cannot overflow: ≤ 200 integer digits, a positive exponent of at most two digits. */
const NUMBER = '-?(?:0|[1-9][0-9]{0,199})(?:\\.[0-9]+)?(?:[eE](?:-[0-9]{1,6}|\\+?[0-9]{1,2}))?';
const BOOLEAN = '(?:true|false)';
const member = (key: string, value: string) => `${W},${W}"${key}"${W}:${W}${value}`;
const optional = (key: string, value: string) => `(?:${member(key, value)})?`;

const PERTURBATION =
  `\\{${W}"name"${W}:${W}${STRING}` +
  optional('robustness', BOOLEAN) +
  optional('fairness', BOOLEAN) +
  optional('computed_on', STRING) +
  // A perturbation's own fields (e.g. typos' `prob`), after the four the matcher reads: never one of those four.
  `(?:${W},${W}"(?!(?:name|robustness|fairness|computed_on)")[ !#-\\[\\]-~]*"${W}:${W}(?:${STRING}|${NUMBER}|${BOOLEAN}|null))*` +
  `${W}\\}`;
const METRIC_NAME =
  `\\{${W}"name"${W}:${W}(${STRING})` +
  optional('split', STRING) +
  optional('sub_split', STRING) +
  optional('perturbation', PERTURBATION) +
  `${W}\\}`;
/** One stat in HELM's form; group 1 is its metric name, quoted. */
const STAT = new RegExp(
  `\\{${W}"name"${W}:${W}${METRIC_NAME}` +
    member('count', COUNT) +
    member('sum', NUMBER) +
    member('sum_squared', NUMBER) +
    ['min', 'max', 'mean', 'variance', 'stddev'].map((key) => optional(key, NUMBER)).join('') +
    `${W}\\}`,
  'y',
);
const OPEN = new RegExp(`${W}\\[${W}`, 'y');
const SEPARATOR = new RegExp(`${W}(,|\\])${W}`, 'y');
const TRAILING = new RegExp(W, 'y');

export interface StatsScanner {
  /** The wanted stats of a stats.json in file order, each as `JSON.parse` gives it; null: parse it the general way. */
  scan(bytes: Uint8Array): Stat[] | null;
}

/** A scanner keeping the stats whose `name.name` is one of `names`. */
export function createStatsScanner(names: Iterable<string>): StatsScanner {
  const wanted = new Set([...names].map((name) => JSON.stringify(name)));
  return {
    scan: (bytes) => scan(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), wanted),
  };
}

function scan(text: string, wanted: ReadonlySet<string>): Stat[] | null {
  OPEN.lastIndex = 0;
  if (!OPEN.test(text)) return null;
  const out: Stat[] = [];
  let at = OPEN.lastIndex;
  if (text.charCodeAt(at) === 0x5d)
    at += 1; // an empty list
  else
    for (;;) {
      STAT.lastIndex = at;
      const match = STAT.exec(text);
      if (!match) return null;
      if (wanted.has(match[1] as string)) out.push(JSON.parse(text.slice(at, STAT.lastIndex)) as Stat);
      SEPARATOR.lastIndex = STAT.lastIndex;
      const separator = SEPARATOR.exec(text);
      if (!separator) return null;
      at = SEPARATOR.lastIndex;
      if (separator[1] === ']') break;
    }
  TRAILING.lastIndex = at;
  TRAILING.test(text);
  return TRAILING.lastIndex === text.length ? out : null;
}
