/** `models.testConnection` over the engine's probe (src-main/engine/client/test-connection.ts). */
import type { ConnectionReport, ModelEndpoint } from '../../../src-shared/api/models';
import { testConnection } from '../../engine/client/test-connection';
import type { SecretStore } from '../secrets/secret-store';

/**
 * Scenarios whose adapter scores each choice by its prompt logprobs (echo), so they need a server that echoes:
 * HellaSwag (`multiple_choice_separate_original`) and OpenbookQA (`multiple_choice_separate_calibrated`),
 * per HELM's `run_entries_core_scenarios_*.conf`.
 */
export const SCENARIOS_NEEDING_ECHO = ['hellaswag', 'openbookqa'];

/** Latency of the last successful test per base URL: the dry run's time estimate uses it. */
export type LatencyMemory = Map<string, number>;

export async function checkConnection(endpoint: ModelEndpoint, secrets: SecretStore, latencies: LatencyMemory): Promise<ConnectionReport> {
  const apiKey = endpoint.apiKeyId ? await secrets.read(endpoint.apiKeyId) : null;
  const probe = await testConnection({ baseUrl: endpoint.baseUrl.trim(), apiModel: endpoint.model.trim(), apiKey: apiKey ?? undefined, timeoutMs: 15_000 });
  if (probe.latencyMs !== null) latencies.set(endpoint.baseUrl.trim(), probe.latencyMs);
  const notes = probe.notes.join(' ');
  return {
    ok: probe.ok,
    latencyMs: probe.latencyMs,
    chat: probe.supportsChat,
    completions: probe.supportsCompletions,
    logprobs: probe.supportsCompletions ? probe.supportsEcho : null,
    scenariosNeedingLogprobs: SCENARIOS_NEEDING_ECHO,
    error: probe.ok ? null : classifyFailure(endpoint, notes, apiKey !== null),
  };
}

/** A message a user can act on, from the probe's notes (wrong key, nothing listening, unknown model). */
function classifyFailure(endpoint: ModelEndpoint, notes: string, hasKey: boolean): { code: string; message: string; cause: string; hint: string } {
  if (/\b(401|403)\b|unauthori[sz]ed|invalid api key|incorrect api key|forbidden/i.test(notes)) {
    return { code: 'model.unauthorized', message: `${endpoint.baseUrl} refused the API key.`, cause: notes, hint: hasKey ? 'Check the key, then save it again.' : 'This service needs an API key: enter it and press "Save key".' };
  }
  if (/\b404\b|not found|does not exist|unknown model/i.test(notes)) {
    return { code: 'model.not-found', message: `${endpoint.baseUrl} does not serve a model named '${endpoint.model}'.`, cause: notes, hint: 'Check the model name (as the server lists it under /v1/models) and the base URL (usually ending in /v1).' };
  }
  return { code: 'model.unreachable', message: `Nothing answered at ${endpoint.baseUrl}.`, cause: notes, hint: 'Check the base URL (usually ending in /v1) and that the server is running.' };
}
