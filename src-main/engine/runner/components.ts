/**
 * What the runner needs from the rest of the engine, injected so the runner can be tested with small
 * scenarios of its own and the composition root ({@link ./default-components}) wires the real ones.
 */
import type { Endpoint, TokenCounterInfo } from '../../../src-shared/engine/job';
import type { PerInstanceStats } from '../../../src-shared/helm/request';
import type { RunSpec } from '../../../src-shared/helm/run-spec';
import type { Stat } from '../../../src-shared/helm/stat';
import type { Registry } from '../registry';
import type { Adapter, CompletedRequestState, DatasetFetcher, ScenarioFactory, TokenCounter } from '../types';
import type { ExamplesPerScenario } from '../../../src-shared/examples-per-scenario';

/** What a job asks for, as the run-spec builder sees it. */
export interface RunSpecQuery {
  readonly examplesPerScenario: ExamplesPerScenario;
  /** HELM model name `org/name`. */
  readonly model: string;
  /** Board family id (`classic` when absent). */
  readonly board?: string | undefined;
  /** The model carries HELM's instruction-following tag. */
  readonly instructionFollowing?: boolean | undefined;
  /** Scenario / run-group names to keep; all when absent. */
  readonly scenarios?: readonly string[] | undefined;
  /** Notes for the user (e.g. entries this build cannot run yet). */
  readonly onLog?: ((message: string) => void) | undefined;
}

/** Scores of one run, as HELM writes them. */
export interface RunScores {
  readonly perInstanceStats: PerInstanceStats[];
  readonly stats: Stat[];
}

export interface EngineComponents {
  /** Run entries for the budget → HELM run specs (with HELM's run names). */
  buildRunSpecs(query: RunSpecQuery): RunSpec[];
  readonly scenarios: Registry<ScenarioFactory>;
  readonly adapters: Registry<Adapter>;
  /** The token counter used for prompt fitting and estimates. */
  tokenCounter(runSpec: RunSpec, endpoint: Endpoint): TokenCounter;
  /**
   * Chooses the token counter {@link tokenCounter} returns for this endpoint (e.g. the server's own tokenizer
   * when it has one) before planning; says which. Optional: without it, `tokenCounter` is used as is.
   */
  prepareTokenCounter?(
    endpoint: Endpoint,
    options: { readonly signal?: AbortSignal | undefined },
  ): Promise<TokenCounterInfo>;
  /** Metrics of the run spec over its completed request states → per-instance stats and run stats. */
  score(runSpec: RunSpec, states: readonly CompletedRequestState[], tokenCounter: TokenCounter): RunScores;
  /** The downloader scenarios use, honouring the mirror. */
  createFetcher(options: { readonly dataDir: string; readonly mirror?: string | undefined }): DatasetFetcher;
}
