/**
 * The fast validators may only say "valid" where the zod schemas say so too, with the same data (issue #12): on
 * every JSON file of ../shared/data, and on thousands of seeded mutations of real run_spec.json / stats.json files
 * (wrong types, missing and extra keys, nulls, non-finite and fractional numbers, arrays for objects, own
 * `constructor` keys). Where they defer, zod decides; real HELM files must not be deferred (that is the speed-up).
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../dev/testing/shared-data';
import { createRng } from '../rank/prng';
import { parsePythonJson, runSpecSchema, statsFileSchema } from './validate';
import { fastRunSpecFields, isValidStatsFile } from './validate-fast';

const realRuns = sharedData
  ? execFileSync('find', [sharedData, '-name', 'stats.json', '-o', '-name', 'run_spec.json'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort()
  : [];
const allJson = sharedData
  ? execFileSync('find', [sharedData, '-name', '*.json'], { encoding: 'utf8' }).split('\n').filter(Boolean).sort()
  : [];

function checkStats(json: unknown): void {
  const zod = statsFileSchema.safeParse(json);
  if (isValidStatsFile(json)) {
    expect(zod.success).toBe(true);
    expect(zod.data).toEqual(json);
  }
}

function checkRunSpec(json: unknown): void {
  const fast = fastRunSpecFields(json);
  if (!fast) return;
  const zod = runSpecSchema.safeParse(json);
  expect(zod.success).toBe(true);
  const spec = zod.data!;
  expect(fast).toEqual({
    name: spec.name,
    model: spec.adapter_spec.model,
    modelDeployment: spec.adapter_spec.model_deployment,
    groups: spec.groups,
  });
}

/** Values a mutation puts in place of another. */
const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  'x',
  '',
  0,
  -0,
  -1,
  2.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 1,
  Infinity,
  -Infinity,
  NaN,
  [],
  {},
  { name: 'x' },
  [{ name: 'x' }],
];

type Mutable = Record<string, unknown> | unknown[];

/** One random change somewhere in `value` (a deep copy is mutated). */
function mutate(value: unknown, rng: ReturnType<typeof createRng>): unknown {
  const copy = structuredClone(value) as unknown;
  const containers: Mutable[] = [];
  const walk = (node: unknown) => {
    if (node !== null && typeof node === 'object') {
      containers.push(node as Mutable);
      for (const child of Object.values(node)) walk(child);
    }
  };
  walk(copy);
  const target = containers[Math.floor(rng.next() * containers.length)];
  if (!target) return copy;
  const keys = Object.keys(target);
  const key = keys[Math.floor(rng.next() * keys.length)];
  const odd = ODD_VALUES[Math.floor(rng.next() * ODD_VALUES.length)];
  const action = Math.floor(rng.next() * 5);
  if (Array.isArray(target)) {
    const index = Math.floor(rng.next() * (target.length + 1));
    if (action < 2) target.splice(index, 0, structuredClone(odd));
    else if (action < 4 && target.length > 0) target[index % target.length] = structuredClone(odd);
    else target.splice(index, 1);
  } else if (key === undefined || action === 0) {
    const extra = ['constructor', 'split', 'sub_split', 'perturbation', 'min', 'groups', 'model_deployment', 'zz'];
    target[extra[Math.floor(rng.next() * extra.length)]!] = structuredClone(odd);
  } else if (action === 1) delete target[key];
  else target[key] = structuredClone(odd);
  return copy;
}

describe.skipIf(!sharedData)('fast HELM file validators vs the zod schemas', () => {
  it('accept every real run_spec.json and stats.json, with the data zod gives', () => {
    expect(realRuns.length).toBeGreaterThanOrEqual(8);
    for (const file of realRuns) {
      const json = parsePythonJson(readFileSync(file, 'utf8'));
      if (file.endsWith('stats.json')) {
        expect(isValidStatsFile(json), file).toBe(true);
        checkStats(json);
      } else {
        expect(fastRunSpecFields(json), file).not.toBeNull();
        checkRunSpec(json);
      }
    }
  });

  it('never accept what zod rejects, on any JSON file of the shared data', () => {
    expect(allJson.length).toBeGreaterThan(100);
    for (const file of allJson) {
      const json = parsePythonJson(readFileSync(file, 'utf8'));
      checkStats(json);
      checkRunSpec(json);
    }
  });

  it('never accept what zod rejects, on seeded mutations of real files', () => {
    const rng = createRng(12);
    let accepted = 0;
    let rejected = 0;
    for (const file of realRuns) {
      const json = parsePythonJson(readFileSync(file, 'utf8'));
      const isStats = file.endsWith('stats.json');
      for (let round = 0; round < 150; round += 1) {
        let mutated = json;
        const changes = 1 + Math.floor(rng.next() * 3);
        for (let change = 0; change < changes; change += 1) mutated = mutate(mutated, rng);
        if (isStats) {
          checkStats(mutated);
          if (isValidStatsFile(mutated)) accepted += 1;
          else rejected += 1;
        } else {
          checkRunSpec(mutated);
          if (fastRunSpecFields(mutated)) accepted += 1;
          else rejected += 1;
        }
      }
    }
    // Both outcomes are exercised, not just one.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(50);
  });
});
