/**
 * The engine's extension points (README.md "Architecture"): Scenario → Instances → Adapter → Requests →
 * ModelClient → Metric → Stats. Every record is readonly and JSON-serializable; HELM's own records
 * (Instance, Request, RequestState, Stat, RunSpec) live in src-shared/helm.
 */
import type { ModelMode } from '../../src-shared/engine/job';
import type { Instance } from '../../src-shared/helm/instance';
import type { AdapterSpec } from '../../src-shared/helm/run-spec';
import type { Request, RequestResult, RequestState } from '../../src-shared/helm/request';
import type { Stat } from '../../src-shared/helm/stat';

/** Progress of one download, in bytes. */
export interface DownloadProgress {
  readonly url: string;
  readonly bytes: number;
  /** null when the server sends no length. */
  readonly totalBytes: number | null;
  /** Bytes per second, smoothed. */
  readonly rate: number;
}

export interface FetchOptions {
  readonly signal?: AbortSignal;
  /** Expected sha256 (hex) of the finished file, when the source is stable. */
  readonly sha256?: string;
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/**
 * Downloads source files into the data directory's cache, with resume, retries and the mirror rule
 * (`https://HOST/PATH` → `<mirror>/HOST/PATH`). Returns the local path of the complete file; a file already
 * downloaded is not fetched again.
 */
export interface DatasetFetcher {
  fetch(url: string, options?: FetchOptions): Promise<string>;
  /**
   * Whether `url` can be had, without downloading it: already in the data directory's cache, or answered by a
   * HEAD / one-byte GET at its mirrored address. Optional: fetchers without it (tests) are not checked.
   */
  probe?(url: string, options?: { readonly signal?: AbortSignal }): Promise<SourceCheck>;
}

/** The answer to {@link DatasetFetcher.probe}. */
export interface SourceCheck {
  readonly ok: boolean;
  /** The URL tried (the mirror's when one is set); null when the file was already in the cache. */
  readonly triedUrl: string | null;
  readonly status: number | null;
  readonly bytes: number | null;
  /** For a failure: its error code (`download.not-found`, `download.network`, …) and a few words. */
  readonly code: string | null;
  readonly reason: string | null;
}

/** What a scenario may use while it loads its data. */
export interface ScenarioContext {
  /** `<data dir>/datasets/<scenario>/`: where prepared data may be cached. */
  readonly outputDir: string;
  readonly fetcher: DatasetFetcher;
  readonly signal?: AbortSignal;
  readonly onProgress?: (message: string) => void;
}

/**
 * A HELM scenario: produces every instance (train, valid, test) in HELM's order, without ids;
 * the engine assigns `id0…` by position, as HELM's `with_instance_ids`.
 */
export interface Scenario {
  /** HELM's scenario name, e.g. `boolq`, `mmlu`. */
  readonly name: string;
  getInstances(context: ScenarioContext): Promise<Instance[]>;
  /**
   * The source URLs `getInstances` would fetch, given what is already prepared in `outputDir` (none when its
   * prepared data is complete), so a dry run can check they are reachable before downloading anything.
   */
  sources?(context: Pick<ScenarioContext, 'outputDir'>): Promise<readonly string[]>;
}

/** Builds a scenario from its spec args (the `args` of `scenario_spec`). */
export type ScenarioFactory = (args: Readonly<Record<string, unknown>>) => Scenario;

/** Counts tokens of a prompt for a model, for HELM's prompt fitting (`_make_prompt_fit`). */
export interface TokenCounter {
  /** Maximum prompt + completion tokens the model accepts. */
  readonly contextWindow: number;
  countTokens(text: string): number;
  /** Keeps the longest prefix of `text` with at most `maxTokens` tokens. */
  truncateToTokens(text: string, maxTokens: number): string;
}

/** Input of one adaptation: one trial's train examples and the eval instances (ids already set). */
export interface AdaptationInput {
  readonly adapterSpec: AdapterSpec;
  readonly trainInstances: readonly Instance[];
  readonly evalInstances: readonly Instance[];
  readonly trialIndex: number;
  readonly tokenCounter: TokenCounter;
}

/** Turns instances into requests exactly as HELM's adapter of the same method (no results yet). */
export interface Adapter {
  readonly method: string;
  adapt(input: AdaptationInput): RequestState[];
}

/** Everything a model client needs to answer one request. */
export interface ModelRequestOptions {
  /** Aborts the request on the wire. */
  readonly signal?: AbortSignal;
  /** Stops what is not yet on the wire (queue, rate limiter, backoff); in-flight requests finish. */
  readonly stopSignal?: AbortSignal;
  /**
   * Called with the answer while the request still holds its concurrency slot; the slot is released once it
   * settles (the runner stores the answer durably here). Its error is the call's error, as it is.
   */
  readonly keep?: (call: ModelCall) => Promise<void>;
}

/** Token usage as reported by the server. */
export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** What one request produced: the HELM result and the server's usage. */
export interface ModelCall {
  readonly result: RequestResult;
  readonly usage: Usage;
}

/** Identity of the endpoint for the request cache key: the same request to another model is another entry. */
export interface EndpointIdentity {
  readonly baseUrl: string;
  readonly apiModel: string;
  readonly mode: ModelMode;
}

/**
 * The model client the runner calls (runner/request-broker.ts): send a HELM Request, get its RequestResult and the
 * server's usage. `identity` keys the request cache, which stores the whole normalized request (engine/cache/).
 * The engine's one implementation is client/openai-model-client.ts (any OpenAI-compatible server; the scripted
 * and tiny test models are such servers); tests may pass another through `runJob`'s `client` option.
 */
export interface ModelClient {
  readonly identity: EndpointIdentity;
  /** Must settle `options.keep(answer)` before giving the request's concurrency slot to another request. */
  call(request: Request, options?: ModelRequestOptions): Promise<ModelCall>;
}

/**
 * A HELM metric: scores the request states of one (instance, trial) — one state for generation and joint
 * methods, one per reference (and mode) for the separate methods, one per passage for ranking — and returns
 * per-instance stats with the split (and sub-split) filled in.
 */
export interface Metric {
  readonly name: string;
  evaluateInstance(adapterSpec: AdapterSpec, requestStates: readonly RequestState[]): Stat[];
}

/** Builds a metric from its spec args (the `args` of a `metric_specs` entry). */
export type MetricFactory = (args: Readonly<Record<string, unknown>>) => Metric;

/** A request state with its result filled in. */
export type CompletedRequestState = RequestState & { readonly result: RequestResult };
