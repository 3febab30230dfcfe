/**
 * The Budget step's scenario choice: `all` (HELM's rank, the default) or the run groups ticked, possibly none while
 * the user is choosing. The API says "all" with an empty list, so the two meet only here.
 */
export type ScenarioChoice = 'all' | readonly string[];

/** The list a run or a dry run is configured with: empty = every core scenario. */
export function configScenarios(choice: ScenarioChoice): string[] {
  return choice === 'all' ? [] : [...choice];
}

/** The choice a saved list stands for. */
export function choiceOf(scenarios: readonly string[]): ScenarioChoice {
  return scenarios.length === 0 ? 'all' : [...scenarios];
}

export function isChosen(choice: ScenarioChoice, column: string): boolean {
  return choice === 'all' || choice.includes(column);
}

/** Ticks or unticks one column; ticking the last missing one is "all" again. */
export function toggleColumn(choice: ScenarioChoice, column: string, columns: readonly string[]): ScenarioChoice {
  const current = choice === 'all' ? [...columns] : [...choice];
  const next = current.includes(column) ? current.filter((entry) => entry !== column) : [...current, column];
  return columns.length > 0 && columns.every((entry) => next.includes(entry))
    ? 'all'
    : columns.filter((entry) => next.includes(entry)).concat(next.filter((entry) => !columns.includes(entry)));
}

/** How many columns the choice covers, out of `columns`. */
export function chosenCount(choice: ScenarioChoice, columns: readonly string[]): number {
  return choice === 'all' ? columns.length : choice.filter((entry) => columns.includes(entry)).length;
}
