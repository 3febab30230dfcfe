/**
 * The one check of a scenario list the user typed (`--scenarios a,b`; the Budget step's choice): every name must be
 * one the board knows, else `rank.unknown-scenario` names the unknown ones and lists the valid names (each face
 * words its advice from `details.scenarios`). `helm-rank tradeoff` checks against an imported board's columns,
 * `helm-rank run` against its board family's columns and run entries — before any run is created.
 */
import { AppError } from './errors';

/** Splits a comma-separated `--scenarios` value into its names (blanks dropped). */
export function scenarioList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Throws `rank.unknown-scenario` when a name of `asked` is not in `known`; `subject` is what lacks it. */
export function checkScenarioNames(asked: readonly string[], known: readonly string[], subject: string): void {
  const valid = new Set(known);
  const unknown = asked.filter((name) => !valid.has(name));
  if (unknown.length === 0) return;
  throw new AppError({
    code: 'rank.unknown-scenario',
    message: `${subject} has no scenario ${unknown.map((name) => `'${name}'`).join(', ')}.`,
    details: { scenarios: [...new Set(known)] },
  });
}
