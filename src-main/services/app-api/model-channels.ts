/** `models.testConnection` over the engine's probe (src-main/engine/client/test-connection.ts). */
import type { ConnectionReportView, ModelEndpoint } from '../../../src-shared/api/models';
import type { AppErrorData } from '../../../src-shared/errors';
import { testConnection } from '../../engine/client/test-connection';
import { keyForEndpoint } from '../secrets/key-binding';
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

export async function checkConnection(
  endpoint: ModelEndpoint,
  secrets: SecretStore,
  latencies: LatencyMemory,
): Promise<ConnectionReportView> {
  // Throws (nothing sent) when the key belongs to another origin, or the URL carries a password.
  const apiKey = await keyForEndpoint(secrets, endpoint.apiKeyId, endpoint.baseUrl);
  const probe = await testConnection({
    baseUrl: endpoint.baseUrl.trim(),
    apiModel: endpoint.model.trim(),
    apiKey: apiKey ?? undefined,
    timeoutMs: 15_000,
  });
  if (probe.latencyMs !== null) latencies.set(endpoint.baseUrl.trim(), probe.latencyMs);
  const notes = probe.notes.join(' ');
  return {
    ok: probe.ok,
    latencyMs: probe.latencyMs,
    chat: probe.supportsChat,
    completions: probe.supportsCompletions,
    logprobs: probe.supportsCompletions ? probe.supportsEcho : null,
    scenariosNeedingLogprobs: SCENARIOS_NEEDING_ECHO,
    tokenLogprobs: probe.supportsCompletions ? probe.supportsLogprobs : null,
    scenariosRankedByLogprobs: SCENARIOS_RANKED_BY_LOGPROBS,
    error: probe.ok ? null : classifyFailure(endpoint, notes, apiKey !== null),
  };
}

/** What went wrong, from the probe's notes (wrong key, nothing listening, unknown model); the app words the advice. */
function classifyFailure(endpoint: ModelEndpoint, notes: string, hasKey: boolean): AppErrorData {
  if (/\b(401|403)\b|unauthori[sz]ed|invalid api key|incorrect api key|forbidden/i.test(notes)) {
    // The status tells a wrong key (401) from a key without access to this model (403).
    const status = /\b(401|403)\b/.exec(notes)?.[1];
    const reason =
      status === '403' ? 'HTTP 403: the key has no access' : `${status ? `HTTP ${status}: ` : ''}authentication failed`;
    return {
      code: 'model.unauthorized',
      message: `${endpoint.baseUrl} refused the API key (${reason}).`,
      cause: notes,
      details: { hasKey },
    };
  }
  if (/\b404\b|not found|does not exist|unknown model/i.test(notes)) {
    return {
      code: 'model.not-found',
      message: `${endpoint.baseUrl} does not serve a model named '${endpoint.model}'.`,
      cause: notes,
    };
  }
  return {
    code: 'model.unreachable',
    message: `Nothing answered at ${endpoint.baseUrl}.`,
    cause: notes,
  };
}
