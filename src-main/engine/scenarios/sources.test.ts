import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureFetcher } from '../../../dev/testing/fixture-fetcher';
import { fixtureFiles } from '../../demo/fixture-sources/index';
import { canonicalJson } from '../cache/canonical-json';
import { buildRunSpecsForEntries } from '../run-specs/build-run-spec';
import { runEntriesFor } from '../run-specs/efficient-entries';
import { createScenarioRegistry } from './index';

let fetcher: FixtureFetcher;
let emptyDir = '';

beforeAll(async () => {
  fetcher = await FixtureFetcher.create();
  for (const file of await fixtureFiles()) await fetcher.add(file.url, file.data);
  emptyDir = await mkdtemp(join(tmpdir(), 'helm-rank-sources-'));
});

afterAll(async () => {
  await fetcher.dispose();
  await rm(emptyDir, { recursive: true, force: true });
});

// The dry run probes what `sources()` lists before anything is downloaded: it must list every URL
// `getInstances` fetches, for every scenario spec of the core run entries.
describe('scenario sources', () => {
  it('lists every URL getInstances fetches, for each core scenario spec', async () => {
    const registry = createScenarioRegistry();
    const specs = buildRunSpecsForEntries(runEntriesFor(10), { name: 'acme/model' });
    const unique = new Map(specs.map((spec) => [canonicalJson(spec.scenario_spec), spec.scenario_spec]));
    expect(unique.size).toBeGreaterThan(10);
    for (const spec of unique.values()) {
      const scenario = registry.get(spec.class_name)(spec.args);
      expect(scenario.sources, scenario.name).toBeDefined();
      const listed = await scenario.sources?.({ outputDir: join(emptyDir, scenario.name) });
      fetcher.requested.length = 0;
      const outputDir = join(fetcher.dir, 'prepared', scenario.name);
      await scenario.getInstances({ outputDir, fetcher });
      expect(listed?.length, scenario.name).toBeGreaterThan(0);
      for (const url of fetcher.requested) expect(listed, `${scenario.name} fetched ${url}`).toContain(url);
      // Prepared data is reused: what is already there is not listed again (MS MARCO, NaturalQuestions).
      const again = await scenario.sources?.({ outputDir });
      fetcher.requested.length = 0;
      await scenario.getInstances({ outputDir, fetcher });
      for (const url of fetcher.requested) expect(again, `${scenario.name} fetched ${url} again`).toContain(url);
    }
  }, 120_000);
});
