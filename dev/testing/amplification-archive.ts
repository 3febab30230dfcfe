/**
 * A hostile run archive for import-budget tests and the before/after figures of issue #9: every run's model name
 * is about 1 MB of text that deflates about 134× — under the per-entry compression cap, so only a total budget
 * and caps on index fields can stop it. `runs` = 50 gives a zip of about 0.8 MB holding about 100 MB of model
 * names; 500 gives about 8 MB holding about 1 GB. Ten distinct names are reused, so building it stays quick.
 */
import { randomBytes } from 'node:crypto';
import { fixtureRunSpec, fixtureStats } from '../../src-main/demo/helm-run-fixture';
import { buildZip } from '../../src-main/demo/zip-writer';

/** About 1 MB of text compressing ~134×: a random 128-character unit repeated, one random byte every ~800. */
function amplifiedName(): string {
  const unit = randomBytes(64).toString('hex');
  const parts: string[] = ['org/'];
  let length = 0;
  for (let i = 0; length < 1_000_000; i++) {
    parts.push(unit);
    length += unit.length;
    if ((i * 128) % 800 < 128) {
      const noise = randomBytes(1).toString('hex');
      parts.push(noise);
      length += noise.length;
    }
  }
  return parts.join('');
}

export function amplificationArchive(runs: number): Buffer {
  const files = Array.from({ length: Math.min(10, runs) }, () => {
    const run = { group: 'boolq', model: amplifiedName(), metric: 'quasi_exact_match', split: 'valid', value: 0.5 };
    return { spec: Buffer.from(fixtureRunSpec(run)), stats: Buffer.from(fixtureStats(run)) };
  });
  const entries = [];
  for (let k = 0; k < runs; k++) {
    const file = files[k % files.length] as (typeof files)[number];
    entries.push({ name: `benchmark_output/runs/v1/boolq:run${k}/run_spec.json`, data: file.spec });
    entries.push({ name: `benchmark_output/runs/v1/boolq:run${k}/stats.json`, data: file.stats });
  }
  return buildZip(entries);
}
