/**
 * A targeted reader of `stats.json` for the importer (issue #12). HELM writes every stats.json the same way (Python's
 * `json.dump` of its `Stat` dataclasses: fixed key order, ASCII only), so regular expressions — native code — can
 * check that a file is exactly that form and pick out the few stats a board's tables read (of hundreds) in the same
 * pass, building only those, and only the fields the index keeps ({@link keptStat}).
 *
 * The file is read as a list of stats, one sticky match per wanted stat: each match first skips any run of
 * unwanted stats (checked, not captured), then captures one wanted stat, then its separator. The form accepted:
 * - a JSON list of stats, whitespace anywhere JSON allows it;
 * - a stat: `name`, `count`, `sum`, `sum_squared`, then any of `min`, `max`, `mean`, `variance`, `stddev`, each once
 *   and in that order; its name: `name`, then any of `split`, `sub_split`, `perturbation`, in that order; a
 *   perturbation: `name`, then any of `robustness`, `fairness`, `computed_on` in that order, then its own parameters
 *   (never one of those four again), whose values are strings, numbers, booleans or null;
 * - strings of printable ASCII without `"` or `\` (so latin-1 and UTF-8 read them alike, and no escapes); counts that
 *   are safe non-negative integers (at most 15 digits); numbers too short to overflow (at most 200 integer digits,
 *   an exponent of at most two digits, six if negative).
 * Every file so accepted is valid JSON that the fast validators (src-shared/helm/validate-fast.ts) accept, and each
 * stat built equals `keptStat` of what `JSON.parse` gives: numbers go through `Number`, which reads a JSON number
 * exactly as `JSON.parse` does. Anything else (a `NaN`, an unknown key, another order) makes
 * {@link StatsScanner.scan} return null, and the caller parses the whole file, which decides and words the problem.
 * Checked against `JSON.parse` on every stats.json of ../shared/data and on mutations of them (stats-scan.test.ts).
 */
import type { MetricName, PerturbationDescription, Stat } from '../../../src-shared/helm/stat';

const W = '[ \\t\\n\\r]*';
/** The characters of a string: printable ASCII without `"` or `\`. */
const CHARS = '[ !#-\\[\\]-~]*';
const STRING = `"${CHARS}"`;
/** A non-negative integer of at most 15 digits: always a safe integer. */
const COUNT = '(?:0|[1-9][0-9]{0,14})';
/** A JSON number that cannot overflow: ≤ 200 integer digits, a positive exponent of at most two digits. */
const NUMBER = '-?(?:0|[1-9][0-9]{0,199})(?:\\.[0-9]+)?(?:[eE](?:-[0-9]{1,6}|\\+?[0-9]{1,2}))?';
const BOOLEAN = '(?:true|false)';
const member = (key: string, value: string) => `${W},${W}"${key}"${W}:${W}${value}`;
const optional = (key: string, value: string) => `(?:${member(key, value)})?`;
const capture = (pattern: string) => `(${pattern})`;

/**
 * One stat in HELM's form whose metric name matches `metric`; with `keep`, its kept fields are captured: 1 name,
 * 2 split, 3 sub_split, 4 perturbation name, 5 robustness, 6 fairness, 7 computed_on, 8 count, 9 sum,
 * 10 sum_squared, 11 min, 12 max.
 */
function statPattern(metric: string, keep: boolean): string {
  const kept = keep ? capture : (pattern: string) => pattern;
  const perturbation =
    `\\{${W}"name"${W}:${W}"${kept(CHARS)}"` +
    optional('robustness', kept(BOOLEAN)) +
    optional('fairness', kept(BOOLEAN)) +
    optional('computed_on', `"${kept(CHARS)}"`) +
    // Its own parameters (e.g. typos' `prob`), after the four the matcher reads: never one of those four.
    `(?:${W},${W}"(?!(?:name|robustness|fairness|computed_on)")${CHARS}"${W}:${W}(?:${STRING}|${NUMBER}|${BOOLEAN}|null))*` +
    `${W}\\}`;
  const name =
    `\\{${W}"name"${W}:${W}"${kept(metric)}"` +
    optional('split', `"${kept(CHARS)}"`) +
    optional('sub_split', `"${kept(CHARS)}"`) +
    optional('perturbation', perturbation) +
    `${W}\\}`;
  return (
    `\\{${W}"name"${W}:${W}${name}` +
    member('count', kept(COUNT)) +
    member('sum', kept(NUMBER)) +
    member('sum_squared', kept(NUMBER)) +
    optional('min', kept(NUMBER)) +
    optional('max', kept(NUMBER)) +
    ['mean', 'variance', 'stddev'].map((key) => optional(key, NUMBER)).join('') +
    `${W}\\}`
  );
}

const OPENING = new RegExp(`${W}\\[${W}(\\]${W}$)?`, 'y');

export interface StatsScanner {
  /** The wanted stats of a stats.json in file order, each as {@link keptStat} of `JSON.parse`'s; null: parse it the general way. */
  scan(bytes: Uint8Array): Stat[] | null;
}

/**
 * A scanner keeping the stats whose `name.name` is one of `names` and, when given, whose name `keep` accepts (the
 * others are checked like any stat, but not built).
 */
export function createStatsScanner(names: Iterable<string>, keep?: (name: MetricName) => boolean): StatsScanner {
  // Only plain names can be wanted: a file with another name in it is not in HELM's form anyway.
  const plain = [...new Set(names)].filter((name) => /^[ !#-[\]-~]*$/.test(name)).map(escapeRegExp);
  const wanted = plain.length > 0 ? `(?:${plain.join('|')})` : '(?!)';
  const unwanted = plain.length > 0 ? `(?!${wanted}")${CHARS}` : CHARS;
  // Skip unwanted stats, then one stat (captured when wanted), then `,` or the list's end (group 13).
  const item = new RegExp(
    `(?:${statPattern(unwanted, false)}${W},${W})*` +
      `(?:${statPattern(wanted, true)}|${statPattern(unwanted, false)})` +
      `${W}(,|\\]${W}$)${W}`,
    'y',
  );
  return {
    scan(bytes) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      try {
        return scan(text, item, keep);
      } catch {
        return null; // e.g. the expression's backtracking stack on a huge file: the general parser decides
      }
    },
  };
}

function scan(text: string, item: RegExp, keep: ((name: MetricName) => boolean) | undefined): Stat[] | null {
  OPENING.lastIndex = 0;
  const opening = OPENING.exec(text);
  if (!opening) return null;
  const out: Stat[] = [];
  if (opening[1] !== undefined) return out;
  item.lastIndex = OPENING.lastIndex;
  for (;;) {
    const match = item.exec(text);
    if (!match) return null;
    if (match[1] !== undefined) {
      const name = nameOf(match);
      if (!keep || keep(name)) out.push(statOf(name, match));
    }
    if (match[13] !== ',') return out;
  }
}

/** The metric name from a match's captures (see statPattern). */
function nameOf(match: RegExpExecArray): MetricName {
  const name: { -readonly [K in keyof MetricName]: MetricName[K] } = { name: match[1]! };
  if (match[2] !== undefined) name.split = match[2];
  if (match[3] !== undefined) name.sub_split = match[3];
  if (match[4] !== undefined) {
    const perturbation: Record<string, unknown> = { name: match[4] };
    if (match[5] !== undefined) perturbation.robustness = match[5] === 'true';
    if (match[6] !== undefined) perturbation.fairness = match[6] === 'true';
    if (match[7] !== undefined) perturbation.computed_on = match[7];
    name.perturbation = perturbation as unknown as PerturbationDescription;
  }
  return name;
}

/** The kept stat of that name from the match's captures. */
function statOf(name: MetricName, match: RegExpExecArray): Stat {
  const stat: { -readonly [K in keyof Stat]: Stat[K] } = {
    name,
    count: Number(match[8]),
    sum: Number(match[9]),
    sum_squared: Number(match[10]),
  };
  if (match[11] !== undefined) stat.min = Number(match[11]);
  if (match[12] !== undefined) stat.max = Number(match[12]);
  return stat;
}

/**
 * What the index keeps of a stat: the derived moments (mean, variance, stddev follow from count, sum, sum_squared)
 * and perturbation parameters beyond the four fields HELM's matcher compares are dropped.
 */
export function keptStat(stat: Stat): Stat {
  const source = stat.name;
  const name: { -readonly [K in keyof MetricName]: MetricName[K] } = { name: source.name };
  if (source.split !== undefined) name.split = source.split;
  if (source.sub_split !== undefined) name.sub_split = source.sub_split;
  if (source.perturbation) {
    const p = source.perturbation;
    name.perturbation = {
      name: p.name,
      ...(p.robustness !== undefined ? { robustness: p.robustness } : {}),
      ...(p.fairness !== undefined ? { fairness: p.fairness } : {}),
      ...(p.computed_on !== undefined ? { computed_on: p.computed_on } : {}),
    };
  }
  const out: { -readonly [K in keyof Stat]: Stat[K] } = {
    name,
    count: stat.count,
    sum: stat.sum,
    sum_squared: stat.sum_squared,
  };
  if (stat.min !== undefined) out.min = stat.min;
  if (stat.max !== undefined) out.max = stat.max;
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
