/**
 * Board families (docs/helm-lite.md §1): a HELM leaderboard family is its schema (src-shared
 * `schemaFor(id)`: columns and main metrics), its run entries per choice of examples per scenario and the run-spec functions that build
 * them (HELM's code of that family's era). The engine picks a family by id; HELM Capabilities would be one more
 * row here, with its schema, entries and run-spec functions.
 */
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { Registry } from '../registry';
import type { BuildRunSpecOptions } from '../run-specs/build-run-spec';
import { runEntriesFor } from '../run-specs/efficient-entries';
import { RUN_SPEC_FUNCTIONS } from '../run-specs/index';
import { LITE_RUN_SPEC_FUNCTIONS } from '../run-specs/lite';
import type { RunEntry } from '../run-specs/run-entries';
import type { RunSpecFunction } from '../run-specs/run-spec-function';
import { liteRunEntries } from './lite-entries';

export interface BoardFamily {
  /** `classic`, `lite`: also the schema id (`schemaFor`). */
  readonly id: string;
  readonly title: string;
  /** The run entries for a choice of examples per scenario. */
  entries(examples: ExamplesPerScenario): RunEntry[];
  /** Extra CLI-level options for a choice of examples per scenario (e.g. Lite's `--max-eval-instances 1000` for `all`). */
  buildOptions(examples: ExamplesPerScenario): Pick<BuildRunSpecOptions, 'maxEvalInstances'>;
  readonly runSpecFunctions: readonly (readonly [string, RunSpecFunction])[];
}

export const CLASSIC_FAMILY: BoardFamily = {
  id: 'classic',
  title: 'HELM Classic',
  entries: runEntriesFor,
  buildOptions: () => ({}),
  runSpecFunctions: RUN_SPEC_FUNCTIONS,
};

/** Lite's leaderboard runs used `--max-eval-instances 1000`, so `all` means that, with HELM's own run names. */
export const LITE_FAMILY: BoardFamily = {
  id: 'lite',
  title: 'HELM Lite',
  entries: liteRunEntries,
  buildOptions: (examples) => (examples === 'all' ? { maxEvalInstances: 1000 } : {}),
  runSpecFunctions: LITE_RUN_SPEC_FUNCTIONS,
};

export const BOARD_FAMILIES: readonly BoardFamily[] = [CLASSIC_FAMILY, LITE_FAMILY];

/** Family ids, for CLI choices and validation. */
export const BOARD_FAMILY_IDS = ['classic', 'lite'] as const;

export function createBoardFamilyRegistry(): Registry<BoardFamily> {
  const registry = new Registry<BoardFamily>('board family');
  for (const family of BOARD_FAMILIES) registry.register(family.id, family);
  return registry;
}

/** A family's run-spec function registry. */
export function runSpecRegistryOf(family: BoardFamily): Registry<RunSpecFunction> {
  const registry = new Registry<RunSpecFunction>(`${family.id} run-spec function`);
  for (const [name, fn] of family.runSpecFunctions) registry.register(name, fn);
  return registry;
}

/** A family's title (`HELM Classic`), or its id when it is not one of {@link BOARD_FAMILIES}. */
export function familyTitle(id: string): string {
  return BOARD_FAMILIES.find((family) => family.id === id)?.title ?? id;
}

/**
 * The names `scenarios` may use for a family's runs (what the engine's run-spec filter matches): its leaderboard
 * columns (run groups, `schemaFor(id).leaves`) and the run-spec functions of its run entries (`commonsense`).
 */
export function scenarioNamesOf(id: string, examples: ExamplesPerScenario): string[] {
  const family = BOARD_FAMILIES.find((candidate) => candidate.id === id);
  if (!family) return [];
  const functions = family.entries(examples).map((entry) => entry.description.split(':')[0] ?? entry.description);
  return [...new Set([...schemaFor(family.id).leaves, ...functions])];
}
