/** Lite boards in the rank module: the layout's strata are the runs our efficient Lite entries make. */
import { describe, expect, it } from 'vitest';
import { LITE_SCHEMA } from '../../../src-shared/leaderboard/schema';
import { budgetAt } from '../../../src-shared/rank/classic-layout';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import { layoutForFamily } from '../../../src-shared/rank/family-layouts';
import { LITE_LAYOUT } from '../../../src-shared/rank/lite-layout';
import { LITE_FAMILY, runSpecRegistryOf } from '../../engine/families/index';
import { buildRunSpecsForEntries } from '../../engine/run-specs/build-run-spec';
import type { LeaderboardIndex } from '../leaderboards/leaderboard-index';
import { populationSize } from './board-from-index';
import { stratumId } from '../../../src-shared/rank/stratum-id';

describe('HELM Lite layout', () => {
  it('has one stratum per Lite run, keyed like the run names our entries make, in the schema’s columns', () => {
    const specs = buildRunSpecsForEntries(
      LITE_FAMILY.entries(10),
      { name: 'acme/model' },
      {
        registry: runSpecRegistryOf(LITE_FAMILY),
      },
    );
    expect(specs.map((spec) => stratumId(spec.name)).sort()).toEqual(LITE_LAYOUT.map((stratum) => stratum.id).sort());
    expect(new Set(LITE_LAYOUT.map((stratum) => stratum.column))).toEqual(new Set(LITE_SCHEMA.leaves));
    expect(layoutForFamily('lite', [])).toBe(LITE_LAYOUT);
  });

  it('sizes budgets per conf (main-split items; MedQA and WMT14 keep their test share)', () => {
    expect(EFFICIENT_SIZES.map((level) => budgetAt(LITE_LAYOUT, level).instances)).toEqual([85, 170, 429, 869, 6662]);
    const math = LITE_LAYOUT.filter((stratum) => stratum.column === 'math_chain_of_thought');
    expect(math.reduce((sum, stratum) => sum + stratum.populationSize, 0)).toBe(437);
    expect(math.map((stratum) => stratum.sampleSize[10])).toEqual([1, 1, 1, 1, 2, 2, 2]);
  });

  it('gives a Lite stratum its population from the layout when the board has no per-run counts', () => {
    const index = { project: 'lite', runs: [] } as unknown as LeaderboardIndex; // only the fields populationSize reads
    expect(
      populationSize(index, 'legalbench:subset=abercrombie,model=acme_model,max_eval_instances=2', {
        group: 'legalbench',
        split: 'test',
      }),
    ).toEqual({ size: 95, source: 'layout' });
    expect(
      populationSize(index, 'wmt_14:language_pair=hi-en,model=acme_model,max_eval_instances=2', {
        group: 'wmt_14',
        split: 'test',
      }),
    ).toEqual({ size: 828, source: 'layout' });
  });
});
