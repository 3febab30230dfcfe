/**
 * Strata layouts per board family (`classic`, `lite`): data the rank module simulates pseudo-users and sizes
 * budgets with. A family without one gets a uniform layout from its columns. A run is matched to its family
 * stratum by stratum id (stratum-id.ts), the name a board's per-instance data and a user's runs get too.
 */
import type { StratumLayout } from './classic-layout';
import { CLASSIC_LAYOUT, uniformLayout } from './classic-layout';
import { LITE_LAYOUT } from './lite-layout';
import { parseRunName } from '../helm/run-name';

const LAYOUTS: Readonly<Record<string, readonly StratumLayout[]>> = { classic: CLASSIC_LAYOUT, lite: LITE_LAYOUT };

/** The known layout of a family, or null. */
export function knownLayout(project: string): readonly StratumLayout[] | null {
  return LAYOUTS[project] ?? null;
}

/** The family's layout, else one stratum of 1,000 per column. */
export function layoutForFamily(project: string, columns: readonly string[]): readonly StratumLayout[] {
  return knownLayout(project) ?? uniformLayout(columns);
}

/** Arguments that tell a scenario's runs apart (MMLU's and MATH's subjects, RAFT's subsets, CivilComments' groups). */
const VARIANT_ARGUMENTS = ['subject', 'subset', 'demographic'];

/** Same scenario, same sub-split and same subject / subset / demographic, whatever the other arguments. */
function sameVariant(layoutId: string, id: string): boolean {
  const [layoutRun = '', layoutSub = ''] = layoutId.split('#');
  const [run = '', sub = ''] = id.split('#');
  const a = parseRunName(layoutRun);
  const b = parseRunName(run);
  const named = VARIANT_ARGUMENTS.filter((arg) => a.args.has(arg));
  return (
    a.base === b.base &&
    layoutSub === sub &&
    named.length > 0 &&
    named.every((arg) => a.args.get(arg) === b.args.get(arg))
  );
}

/**
 * The family layout's stratum (Classic's 38 core runs, Lite's 28 runs) for a stratum id (`stratumId`), if the family
 * has a known layout and the run is one of them: the stratum of that id; else, for another configuration of a layout
 * run (an ablation's `method`, extra arguments), the one of the same subject / subset / demographic; else the
 * column's only stratum.
 */
export function familyLayoutStratum(project: string, id: string, group: string): StratumLayout | undefined {
  const sameColumn = (knownLayout(project) ?? []).filter((stratum) => stratum.column === group);
  return (
    sameColumn.find((stratum) => stratum.id === id) ??
    sameColumn.find((stratum) => sameVariant(stratum.id, id)) ??
    (sameColumn.length === 1 ? sameColumn[0] : undefined)
  );
}
