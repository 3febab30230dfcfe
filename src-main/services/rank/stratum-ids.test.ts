/**
 * One name per stratum (src-shared/rank/stratum-id.ts, docs/calibration.md §6): the family layouts a release-file
 * board plans with name their strata as the runs our efficient entries make (HELM's run-spec naming,
 * docs/helm-fidelity.md §3.1, §4) and as the release's own runs are named, so a plan finds the board's cached
 * per-instance data and a run of the plan is the plan's design.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EFFICIENT_SIZES } from '../../../src-shared/examples-per-scenario';
import { CLASSIC_LAYOUT } from '../../../src-shared/rank/classic-layout';
import { LITE_LAYOUT } from '../../../src-shared/rank/lite-layout';
import { stratumId, stratumIdOf } from '../../../src-shared/rank/stratum-id';
import { sharedData, sharedPath } from '../../../dev/testing/shared-data';
import { BOARD_FAMILIES, runSpecRegistryOf } from '../../engine/families/index';
import { buildRunSpecsForEntries } from '../../engine/run-specs/build-run-spec';
import { buildBoardStrata, findBoardStratum } from '../board-instances/board-matrix';
import { familyLayoutStratum } from '../../../src-shared/rank/family-layouts';

const LAYOUTS: Readonly<Record<string, typeof CLASSIC_LAYOUT>> = { classic: CLASSIC_LAYOUT, lite: LITE_LAYOUT };
const runOf = (id: string) => id.split('#')[0] as string;

describe('stratum ids', () => {
  it('drop the model and conf arguments, sort the rest, keep the colon, and spell HEAD XSUM as Classic', () => {
    expect(stratumId('boolq:model=openai_davinci,data_augmentation=canonical')).toBe('boolq:');
    expect(stratumId('boolq')).toBe('boolq:');
    expect(stratumId('mmlu:subject=anatomy,method=multiple_choice_joint,model=me_m,max_eval_instances=4')).toBe(
      'mmlu:method=multiple_choice_joint,subject=anatomy',
    );
    expect(stratumId('summarization_xsum_sampled:temperature=0.3,device=cpu,model=me_m')).toBe(
      'summarization_xsum:device=cpu,temperature=0.3',
    );
    expect(stratumId('civil_comments:demographic=all,model=me_m', 'toxic')).toBe(
      'civil_comments:demographic=all#toxic',
    );
    expect(stratumIdOf('civil_comments:demographic=all,model=me_m,max_eval_instances=2#toxic')).toBe(
      'civil_comments:demographic=all#toxic',
    );
    // An id is its own stratum id.
    for (const stratum of [...CLASSIC_LAYOUT, ...LITE_LAYOUT]) expect(stratumIdOf(stratum.id)).toBe(stratum.id);
  });

  it.each(BOARD_FAMILIES.map((family) => [family.id, family] as const))(
    "name the %s layout's strata as the runs of the family's efficient entries, at every N",
    (id, family) => {
      const layout = LAYOUTS[id] ?? [];
      const runs = [...new Set(layout.map((stratum) => runOf(stratum.id)))].sort();
      for (const level of EFFICIENT_SIZES) {
        const specs = buildRunSpecsForEntries(
          family.entries(level),
          { name: 'acme/model' },
          { registry: runSpecRegistryOf(family), ...family.buildOptions(level) },
        );
        expect(specs.map((spec) => stratumId(spec.name)).sort()).toEqual(runs);
      }
      // Each stratum of a user's run is the layout's (CivilComments per sub-split), whatever model ran it.
      for (const stratum of layout) {
        const [run, subSplit = ''] = stratum.id.split('#') as [string, string | undefined];
        expect(
          familyLayoutStratum(id, stratumId(`${run},model=acme_model,max_eval_instances=2`, subSplit), stratum.column),
        ).toBe(stratum);
      }
    },
  );

  it("give another configuration of a layout run (an ablation's method) the layout's stratum of its subject", () => {
    const econometrics = CLASSIC_LAYOUT.find((stratum) => stratum.id.endsWith('subject=econometrics'));
    const ablation =
      'mmlu:subject=econometrics,method=multiple_choice_separate_calibrated,model=a,groups=ablation_multiple_choice';
    expect(familyLayoutStratum('classic', stratumId(ablation), 'mmlu')).toBe(econometrics);
    expect(familyLayoutStratum('classic', stratumId('mmlu:subject=anatomy,method=multiple_choice_joint'), 'mmlu')).toBe(
      undefined,
    );
  });

  it("find the board's cached per-instance strata from the layout's ids", () => {
    const cached = (run: string, column: string, subSplits: string[]) => ({
      formatVersion: 1 as const,
      run,
      suite: 'v0.3.0',
      model: 'openai/davinci',
      column,
      metric: 'exact_match',
      split: 'test',
      subSplits: Object.fromEntries(subSplits.map((sub) => [sub, { ids: ['id1'], values: [1] }])),
      otherSplitIds: [],
      fetchedAt: '2026-01-01T00:00:00Z',
    });
    const strata = buildBoardStrata(
      [
        cached('boolq:model=openai_davinci,data_augmentation=canonical', 'boolq', ['']),
        cached(
          'mmlu:subject=econometrics,method=multiple_choice_joint,model=openai_davinci,data_augmentation=canonical',
          'mmlu',
          [''],
        ),
        cached('civil_comments:demographic=all,model=openai_davinci,data_augmentation=canonical', 'civil_comments', [
          'toxic',
          'non-toxic',
        ]),
      ],
      ['openai/davinci'],
    );
    const layoutIds = CLASSIC_LAYOUT.map((stratum) => stratum.id);
    for (const board of strata) {
      expect(layoutIds).toContain(board.key);
      expect(findBoardStratum(strata, board.key)).toBe(board);
    }
    expect(strata).toHaveLength(4);
  });
});

describe.skipIf(!sharedData)("stratum ids of a real release's runs", () => {
  it("name every Classic layout stratum as the release's canonical runs of each core scenario are named", async () => {
    // The Classic release's `runs_to_run_suites.json` (docs/helm-fidelity.md §1): run name → suite.
    const runs = Object.keys(
      JSON.parse(await readFile(sharedPath('helm-examples', 'runs_to_runsuites.json'), 'utf8')) as object,
    );
    const davinci = new Set(
      runs
        .filter((run) => /[:,]model=openai_davinci(,|$)/.test(run) && !/groups=|only_contrast/.test(run))
        .map((run) => stratumId(run)),
    );
    for (const stratum of CLASSIC_LAYOUT) expect(davinci).toContain(runOf(stratum.id));
  });
});
