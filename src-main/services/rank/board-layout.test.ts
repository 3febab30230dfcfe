import { describe, expect, it } from 'vitest';
import { columnsFor, schemaFor } from '../../../src-shared/leaderboard/schema';
import { CLASSIC_LAYOUT } from '../../../src-shared/rank/classic-layout';
import type { IndexedRun } from '../leaderboards/leaderboard-index';
import { boardLayout } from './board-layout';

function run(name: string, model: string, group: string, numInstances: Record<string, number>): IndexedRun {
  return { name, model, modelDeployment: '', groups: [group], suite: 's', numInstances };
}

describe("boardLayout: the board's own runs and instance counts", () => {
  const classic = columnsFor(schemaFor('classic'), 'accuracy');

  it("uses the index's main-split counts (median over models), capping the conf's items at them", () => {
    const runs = [
      run('boolq:model=a', 'a', 'boolq', { valid: 60, train: 9000 }),
      run('boolq:model=b', 'b', 'boolq', { valid: 62, train: 9000 }),
      run('boolq:model=c', 'c', 'boolq', { valid: 64, train: 9000 }),
    ];
    const layout = boardLayout({ project: 'classic', runs }, classic);
    const boolq = layout.filter((stratum) => stratum.column === 'boolq');
    expect(boolq).toHaveLength(1);
    expect(boolq[0]).toMatchObject({ populationSize: 62, binary: true });
    expect(boolq[0]?.sampleSize).toEqual({ 10: 10, 20: 20, 50: 50, 100: 62, 1000: 62 });
    // Columns without runs in the index keep the Classic core layout.
    expect(layout.filter((stratum) => stratum.column === 'mmlu')).toEqual(
      CLASSIC_LAYOUT.filter((stratum) => stratum.column === 'mmlu'),
    );
  });

  it("splits CivilComments runs into the layout's sub-splits and scales other runs by their main-split share", () => {
    const runs = [
      run('civil_comments:demographic=all,model=a', 'a', 'civil_comments', { test: 200 }),
      run('narrative_qa:model=a', 'a', 'narrative_qa', { test: 300, valid: 100 }),
    ];
    const layout = boardLayout({ project: 'lite', runs }, columnsFor(schemaFor('lite'), 'accuracy'));
    const narrative = layout.find((stratum) => stratum.column === 'narrative_qa');
    // 300 of 400 evaluated items are on the main split: N = 10 draws 8 of them, capped at N_r = 300.
    expect(narrative).toMatchObject({ populationSize: 300, binary: false });
    expect(narrative?.sampleSize[10]).toBe(8);
    expect(narrative?.sampleSize[1000]).toBe(300);
    const classicLayout = boardLayout({ project: 'classic', runs }, classic);
    const civil = classicLayout.filter((stratum) => stratum.column === 'civil_comments');
    expect(civil.map((stratum) => stratum.populationSize)).toEqual([60, 140]);
    expect(civil.map((stratum) => stratum.id)).toEqual([
      'civil_comments:demographic=all#toxic',
      'civil_comments:demographic=all#non-toxic',
    ]);
  });
});
