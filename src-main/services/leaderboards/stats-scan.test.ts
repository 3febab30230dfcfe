/**
 * The targeted stats.json scanner against `JSON.parse` (issue #12): whenever it answers, its stats are exactly the
 * wanted ones of the parsed file, and the file is one the importer's validators accept. Real HELM files (every
 * stats.json of ../shared/data) and the benchmark's padded Classic files must be answered, not deferred; thousands
 * of seeded mutations of them (bytes changed, inserted or removed; values swapped for odd ones) may be deferred but
 * never answered differently.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MetricName, Stat } from '../../../src-shared/helm/stat';
import { parsePythonJson } from '../../../src-shared/helm/python-json';
import { isValidStatsFile } from '../../../src-shared/helm/validate-fast';
import { createRng } from '../../../src-shared/rank/prng';
import { CLASSIC_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { neededMetricNames } from '../../../src-shared/leaderboard/cells';
import { sharedData } from '../../../dev/testing/shared-data';
import { classicRuns, paddedStats } from '../../../dev/testing/classic-archive';
import { createStatsScanner, keptStat } from './stats-scan';

const realFiles = sharedData
  ? execFileSync('find', [sharedData, '-name', 'stats.json'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()
  : [];

/** What the importer's general path keeps: the parsed file's wanted stats, or null when it is not a valid file. */
function reference(text: string, wanted: ReadonlySet<string>): Stat[] | null {
  let json: unknown;
  try {
    json = parsePythonJson(text);
  } catch {
    return null;
  }
  return isValidStatsFile(json) ? json.filter((stat) => wanted.has(stat.name.name)).map(keptStat) : null;
}

/** The scanner may defer (null); when it answers, it must be the reference. */
function check(text: string, wanted: ReadonlySet<string>): Stat[] | null {
  const scanned = createStatsScanner(wanted).scan(Buffer.from(text, 'utf8'));
  if (scanned !== null) expect(scanned).toStrictEqual(reference(text, wanted));
  return scanned;
}

const classicNames = new Set([...neededMetricNames(CLASSIC_SCHEMA), 'num_instances', 'num_prompt_tokens']);
const padded = classicRuns({ models: 2, runsPerModel: 30 }).map((run) => paddedStats(run, 45_000));

describe('stats.json scanner', () => {
  it.skipIf(realFiles.length === 0)(
    'answers every real HELM stats.json exactly (all names, and a board’s names)',
    () => {
      for (const file of realFiles) {
        const text = readFileSync(file, 'utf8');
        const all = new Set((JSON.parse(text) as Stat[]).map((stat) => stat.name.name));
        expect(check(text, all), file).not.toBeNull();
        expect(check(text, classicNames), file).not.toBeNull();
      }
    },
  );

  it('answers the padded Classic files of the import benchmark exactly', () => {
    for (const text of padded) expect(check(text, classicNames)).not.toBeNull();
    // A long list (the whole-file expression backtracks per stat): answered exactly. On a far longer one its stack
    // runs out and the scanner defers, which the general parser then decides.
    const stat = (JSON.parse(padded[0] as string) as Stat[])[0];
    const long = JSON.stringify(
      Array.from({ length: 20_000 }, () => stat),
      null,
      2,
    );
    expect(check(long, classicNames)).toHaveLength(20_000);
    expect(check('[]', classicNames)).toEqual([]);
    expect(check(' [ ] \n', classicNames)).toEqual([]);
  });

  it('builds only the stats its keep test accepts, and still checks the others', () => {
    const keep = (name: MetricName) => !name.perturbation && name.split !== 'train';
    for (const text of [...padded.slice(0, 4), ...realFiles.map((file) => readFileSync(file, 'utf8'))]) {
      const scanned = createStatsScanner(classicNames, keep).scan(Buffer.from(text, 'utf8'));
      expect(scanned).toStrictEqual(reference(text, classicNames)?.filter((stat) => keep(stat.name)));
    }
    // A broken stat that would not be kept still sends the file to the general parser.
    const broken = (padded[0] as string).replace(/"count": 3/, '"count": -3');
    expect(createStatsScanner(classicNames, () => false).scan(Buffer.from(broken, 'utf8'))).toBeNull();
  });

  it('never answers differently from JSON.parse on mutated files', () => {
    const rng = createRng(12);
    const sources = [...realFiles.map((file) => readFileSync(file, 'utf8')), ...padded.slice(0, 4)];
    const pieces = [
      '"',
      '\\',
      ',',
      '}',
      '{',
      ']',
      '[',
      ':',
      ' ',
      '\n',
      'e',
      'E',
      '9',
      '0',
      '-',
      '.',
      'N',
      'é',
      '\u0001',
    ];
    let answered = 0;
    let deferred = 0;
    for (let round = 0; round < 1500; round += 1) {
      const source = sources[rng.int(sources.length)] as string;
      const at = rng.int(source.length);
      const piece = pieces[rng.int(pieces.length)] as string;
      const mode = rng.int(3);
      const text =
        mode === 0
          ? source.slice(0, at) + piece + source.slice(at)
          : mode === 1
            ? source.slice(0, at) + source.slice(at + 1)
            : source.slice(0, at) + piece + source.slice(at + 1);
      if (check(text, classicNames) === null) deferred += 1;
      else answered += 1;
    }
    expect(answered).toBeGreaterThan(0); // mutations in whitespace or digits stay valid
    expect(deferred).toBeGreaterThan(0);
  });

  it('defers on values the validators refuse or JSON.parse reads differently', () => {
    const [first] = padded;
    const odd = [
      ['"count": 3', '"count": -1'],
      ['"count": 3', '"count": 3.5'],
      ['"count": 3', '"count": 1e2'],
      ['"sum": ', '"sum": NaN, "x": '],
      ['"split": "test"', '"split": null'],
      ['"split": "test"', '"split": "te\\u0073t"'],
      ['"name": "num_instances"', '"name": "num_instances", "name": "other"'],
      ['"computed_on": "worst"', '"computed_on": "worst", "computed_on": "original"'],
      ['"robustness": true', '"robustness": 1'],
      ['"sum": ', '"sum": 1e999, "y": '],
    ];
    for (const [from, to] of odd) {
      const text = (first as string).replace(from as string, to as string);
      expect(text, to).not.toBe(first);
      expect(check(text, classicNames), to).toBeNull();
    }
  });
});
