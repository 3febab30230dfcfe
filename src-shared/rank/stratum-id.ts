/**
 * Stratum ids (docs/calibration.md §6): the one name of a stratum that a board's run layout, the board's cached
 * per-instance data and a user's runs all use, so that a planned design and the run of that plan are one design,
 * calibrated once. A stratum is a HELM run configuration without the model and the conf arguments: the run name's
 * run-spec function and its arguments, sorted (`runKey`; docs/helm-fidelity.md §4), always with the `:` (`boolq:`,
 * `mmlu:method=multiple_choice_joint,subject=econometrics`); HEAD's `summarization_xsum_sampled` is spelled as
 * Classic's `summarization_xsum` (docs/helm-fidelity.md §4); a CivilComments sub-split adds `#toxic` / `#non-toxic`.
 */
import { runKey } from '../helm/run-name';

/** The stratum id of a run name (a HELM run name, or a run-spec function's name without the model) and sub-split. */
export function stratumId(runName: string, subSplit = ''): string {
  const key = runKey(runName.includes(':') ? runName : `${runName}:`).replace(
    /^summarization_xsum_sampled:/,
    'summarization_xsum:',
  );
  return subSplit ? `${key}#${subSplit}` : key;
}

/** The stratum id of `<run name>` or `<run name>#<sub-split>` (a user's stratum, or a stratum id already). */
export function stratumIdOf(id: string): string {
  const hash = id.indexOf('#');
  return hash < 0 ? stratumId(id) : stratumId(id.slice(0, hash), id.slice(hash + 1));
}
