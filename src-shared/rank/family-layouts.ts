/**
 * Strata layouts per board family (`classic`, `lite`): data the rank module simulates pseudo-users and sizes
 * budgets with. A family without one gets a uniform layout from its columns.
 */
import type { StratumLayout } from './classic-layout';
import { CLASSIC_LAYOUT, uniformLayout } from './classic-layout';
import { LITE_LAYOUT } from './lite-layout';

const LAYOUTS: Readonly<Record<string, readonly StratumLayout[]>> = { classic: CLASSIC_LAYOUT, lite: LITE_LAYOUT };

/** The known layout of a family, or null. */
export function knownLayout(project: string): readonly StratumLayout[] | null {
  return LAYOUTS[project] ?? null;
}

/** The family's layout, else one stratum of 1,000 per column. */
export function layoutForFamily(project: string, columns: readonly string[]): readonly StratumLayout[] {
  return knownLayout(project) ?? uniformLayout(columns);
}
