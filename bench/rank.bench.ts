/**
 * Rank bootstrap speed (issue #6 target: 10,000 resamples for a 100-model × 16-scenario board in ≤ 1 s on one
 * core). The user has the Classic layout's 38 runs / 56 strata at `_100` (0/1 and graded metrics mixed), so the
 * figure includes the per-stratum resampling, the cell merge and the O(models × scenarios) placement update.
 * CPU time is printed beside wall time because the machine is shared (wall time inflates under load).
 */
import type { Board } from '../src-shared/rank/board';
import { bootstrapRank } from '../src-shared/rank/bootstrap';
import { CLASSIC_LAYOUT } from '../src-shared/rank/classic-layout';
import { createRng } from '../src-shared/rank/prng';
import { prefixStrata } from '../src-shared/rank/simulate';
import { simulatePopulation } from '../src-shared/rank/simulate';

export default async function (): Promise<void> {
  const rng = createRng(2024);
  const columns = [...new Set(CLASSIC_LAYOUT.map((stratum) => stratum.column))];
  const skill = Array.from({ length: 100 }, () => rng.next());
  for (const rule of ['current', 'legacy'] as const) {
    const board: Board = {
      models: skill.map((_, i) => `model-${i}`),
      columns: columns.map((name) => ({ name, lowerIsBetter: false })),
      values: skill.map((s) =>
        columns.map(() => Math.round(Math.min(1, Math.max(0, s + 0.1 * rng.normal())) * 1000) / 1000),
      ),
      rule,
      aggregation: 'win_rate',
    };
    const populations = new Map(
      CLASSIC_LAYOUT.map((stratum) => [
        stratum.id,
        simulatePopulation(0.55, stratum.populationSize, stratum.binary, rng),
      ]),
    );
    const strata = prefixStrata(CLASSIC_LAYOUT, populations, 100);
    bootstrapRank(board, strata, { resamples: 200, seed: 1 }); // warm-up (JIT)
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = bootstrapRank(board, strata, { resamples: 10_000, seed: 7 });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `rule=${rule}: 10,000 resamples, 100 models × ${columns.length} scenarios, ${strata.length} strata: ${seconds.toFixed(3)} s wall, ${cpuSeconds.toFixed(3)} s CPU ` +
        `(target ≤ 1 s) — rank ${result.rank}, raw interval ${result.rankInterval[0]}–${result.rankInterval[1]}`,
    );
  }
}
