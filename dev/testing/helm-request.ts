/** A HELM `Request` for tests, so each test states only the fields it is about. */
import type { Request } from '../../src-shared/helm/request';

/**
 * HELM's `Request` defaults (`common/request.py`: top_k_per_token 1, echo_prompt false, top_p 1, penalties 0)
 * around a short greedy completion of `Q: 1+1?\nA:` by `org/model`; `fields` override any of them.
 */
export function testRequest(fields: Partial<Request> = {}): Request {
  return {
    model: 'org/model',
    prompt: 'Q: 1+1?\nA:',
    temperature: 0,
    num_completions: 1,
    top_k_per_token: 1,
    max_tokens: 5,
    stop_sequences: ['\n'],
    echo_prompt: false,
    top_p: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
    ...fields,
  };
}
