/**
 * Turns the UI's model endpoint (key by secret id) into the engine's endpoint (key in memory only). The key
 * comes from ../secrets/key-binding.ts: only when it was saved for this endpoint's origin.
 */
import type { ModelEndpoint } from '../../../src-shared/api/models';
import { helmModelName } from '../../../src-shared/api/models';
import type { EndpointInput } from '../../../src-shared/engine/job';
import { endpointKey } from '../secrets/key-binding';
import type { SecretStore } from '../secrets/secret-store';

export async function engineEndpoint(endpoint: ModelEndpoint, secrets: SecretStore): Promise<EndpointInput> {
  // A key saved for another origin is not sent: the run goes without one (its first refusal says why).
  const { apiKey } = await endpointKey(secrets, endpoint.apiKeyId, endpoint.baseUrl);
  return {
    model: helmModelName(endpoint.model),
    apiModel: endpoint.model.trim(),
    baseUrl: endpoint.baseUrl.trim(),
    mode: endpoint.mode,
    pricePerMillionPrompt: endpoint.pricePerMillionPrompt,
    pricePerMillionCompletion: endpoint.pricePerMillionCompletion,
    ...(apiKey ? { apiKey } : {}),
  };
}
