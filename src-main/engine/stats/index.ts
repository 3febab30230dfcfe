/** Run-level statistics: scoring a run and aggregating per-instance stats as HELM does. */
export { scoreRun, type RunScores, type ScoreRunInput } from './score-run';
export { aggregateRunStats } from './aggregate';
export { worstCaseStats, type InstanceStats } from './worst-case';
export { takeMean, mergeTrialMeans } from './trial-stats';
