/** `models.testConnection` over the engine's probe (src-main/engine/client/test-connection.ts). */
import type { ConnectionReportView, ModelEndpoint } from '../../../src-shared/api/models';
import { toAppErrorData } from '../../../src-shared/errors';
import type { AppError, AppErrorData } from '../../../src-shared/errors';
import { checkBaseUrl } from '../../engine/client/base-url-check';
import { diagnoseBaseUrl, diagnoseConnection } from '../../engine/client/connection-diagnosis';
import { probeEndpoint } from '../../engine/client/endpoint-probe';
import { testConnection } from '../../engine/client/test-connection';
import { endpointKey } from '../secrets/key-binding';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Scenarios whose adapter scores each choice by its prompt logprobs (echo), so they need a server that echoes:
 * HellaSwag (`multiple_choice_separate_original`) and OpenbookQA (`multiple_choice_separate_calibrated`),
 * per HELM's `run_entries_core_scenarios_*.conf`.
 */
export const SCENARIOS_NEEDING_ECHO = ['hellaswag', 'openbookqa'];

/**
 * Scenarios that run without logprobs but rank by them: MS MARCO (`ranking_binary`) orders passages by the
 * logprob of the model's "Yes"/"No" answer; without it every answer scores 0 and ties are left in input order.
 */
export const SCENARIOS_RANKED_BY_LOGPROBS = ['msmarco'];

/** Latency of the last successful test per base URL: the dry run's time estimate uses it. */
export type LatencyMemory = Map<string, number>;

/** How long "Test connection" waits for one answer, in seconds. */
const TEST_TIMEOUT_SECONDS = 15;

export async function checkConnection(
  endpoint: ModelEndpoint,
  secrets: SecretStore,
  latencies: LatencyMemory,
): Promise<ConnectionReportView> {
  const baseUrl = endpoint.baseUrl.trim();
  // A URL without a scheme, or with a mistyped one, is named before anything is sent (or any key looked up).
  const problem = checkBaseUrl(baseUrl);
  if (problem) return failedReport(diagnoseBaseUrl(baseUrl, problem));
  // Throws (nothing sent) when the URL carries a password. A key saved for another origin is not sent: the test goes
  // without one, and if the endpoint asks for a key, the report says why none was sent (both origins named).
  const { apiKey, withheld } = await endpointKey(secrets, endpoint.apiKeyId, baseUrl);
  // A plain GET /models first: nothing listening, DNS, TLS and timeouts are told apart at once.
  const reachable = await probeEndpoint(baseUrl, { apiKey: apiKey ?? undefined, timeoutMs: 10_000 });
  const facts = { baseUrl, model: endpoint.model.trim(), hasKey: apiKey !== null, probe: reachable };
  if (reachable.kind === 'network')
    return failedReport(diagnoseConnection({ ...facts, completions: null, chat: null, timeoutSeconds: 10 }));
  const probe = await testConnection({
    baseUrl,
    apiModel: endpoint.model.trim(),
    apiKey: apiKey ?? undefined,
    timeoutMs: TEST_TIMEOUT_SECONDS * 1000,
  });
  if (probe.latencyMs !== null) latencies.set(baseUrl, probe.latencyMs);
  return {
    ok: probe.ok,
    latencyMs: probe.latencyMs,
    chat: probe.supportsChat,
    completions: probe.supportsCompletions,
    logprobs: probe.supportsCompletions ? probe.supportsEcho : null,
    scenariosNeedingLogprobs: SCENARIOS_NEEDING_ECHO,
    tokenLogprobs: probe.supportsCompletions ? probe.supportsLogprobs : null,
    scenariosRankedByLogprobs: SCENARIOS_RANKED_BY_LOGPROBS,
    error: probe.ok
      ? null
      : withheldKeyError(
          diagnoseConnection({
            ...facts,
            completions: probe.failures.completions,
            chat: probe.failures.chat,
            timeoutSeconds: TEST_TIMEOUT_SECONDS,
          }),
          withheld,
        ),
  };
}

/** An endpoint that wants a key, while the stored one was withheld (saved for another origin): say that instead. */
function withheldKeyError(diagnosis: AppErrorData, withheld: AppError | null): AppErrorData {
  if (!withheld || diagnosis.code !== 'model.unauthorized') return diagnosis;
  const refusal = toAppErrorData(withheld);
  return { ...refusal, ...(diagnosis.cause ? { cause: diagnosis.cause } : {}) };
}

/** A report of a test in which nothing answered (no mode, no capability known). */
function failedReport(error: AppErrorData): ConnectionReportView {
  return {
    ok: false,
    latencyMs: null,
    chat: null,
    completions: null,
    logprobs: null,
    scenariosNeedingLogprobs: SCENARIOS_NEEDING_ECHO,
    tokenLogprobs: null,
    scenariosRankedByLogprobs: SCENARIOS_RANKED_BY_LOGPROBS,
    error,
  };
}
