/**
 * A targeted reader of `stats.json` for the importer (issue #12). HELM writes every stats.json the same way (Python's
 * `json.dump` of its `Stat` dataclasses: fixed key order, ASCII only); one regular expression recognizes exactly
 * that form in native code, a second finds the stats whose metric name is wanted (the few a board's tables read, of
 * hundreds), and `JSON.parse` runs on those alone. The first accepts only text that is valid JSON and whose stats
 * all pass the fast validators (src-shared/helm/validate-fast.ts): every key once and in HELM's order, strings of
 * printable ASCII without escapes (so latin-1 and UTF-8 read them alike), counts that are safe non-negative
 * integers, numbers too short to overflow. Anything else (a `NaN`, an unknown key, another order) makes
 * {@link StatsScanner.scan} return null and the caller parses the whole file, which decides and words the problem.
 * Checked against `JSON.parse` on every stats.json of ../shared/data and on mutations of them (stats-scan.test.ts).
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
  `\\{${W}"name"${W}:${W}${STRING}` +
  optional('split', STRING) +
  optional('sub_split', STRING) +
  optional('perturbation', PERTURBATION) +
  `${W}\\}`;
/** One stat in HELM's form. */
const STAT =
  `\\{${W}"name"${W}:${W}${METRIC_NAME}` +
  member('count', COUNT) +
  member('sum', NUMBER) +
  member('sum_squared', NUMBER) +
  ['min', 'max', 'mean', 'variance', 'stddev'].map((key) => optional(key, NUMBER)).join('') +
  `${W}\\}`;
/** A whole stats.json in HELM's form: a list of such stats. */
const FILE = new RegExp(`^${W}\\[${W}(?:${STAT}(?:${W},${W}${STAT})*)?${W}\\]${W}$`);
const ONE_STAT = new RegExp(STAT, 'y');

export interface StatsScanner {
  /** The wanted stats of a stats.json in file order, each as `JSON.parse` gives it; null: parse it the general way. */
  scan(bytes: Uint8Array): Stat[] | null;
}

/** A scanner keeping the stats whose `name.name` is one of `names`. */
export function createStatsScanner(names: Iterable<string>): StatsScanner {
  // Only plain names can be wanted: a file with another name in it is not in HELM's form anyway.
  const plain = [...new Set(names)].filter((name) => /^[ !#-[\]-~]*$/.test(name));
  // The head of a wanted stat: in a file FILE accepted, this matches only a stat's first key (strings hold no quotes).
  const heads =
    plain.length > 0
      ? new RegExp(`"name"${W}:${W}\\{${W}"name"${W}:${W}"(?:${plain.map(escapeRegExp).join('|')})"`, 'g')
      : null;
  return {
    scan(bytes) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      try {
        return scan(text, heads);
      } catch {
        return null; // e.g. the expression's backtracking stack on a huge file: the general parser decides
      }
    },
  };
}

function scan(text: string, heads: RegExp | null): Stat[] | null {
  if (!FILE.test(text)) return null;
  const out: Stat[] = [];
  if (!heads) return out;
  heads.lastIndex = 0;
  for (let head = heads.exec(text); head; head = heads.exec(text)) {
    const start = text.lastIndexOf('{', head.index);
    ONE_STAT.lastIndex = start;
    if (!ONE_STAT.test(text)) return null; // not reached in a file FILE accepted
    out.push(JSON.parse(text.slice(start, ONE_STAT.lastIndex)) as Stat);
    heads.lastIndex = ONE_STAT.lastIndex;
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
