import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from './scripted-openai-server';
import type { ScriptedServer } from './scripted-openai-server';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedOpenAiServer({ apiKey: 'sk-right' });
});
afterAll(async () => {
  await server.close();
});

async function complete(authorization: string | null): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify({ model: 'scripted-model', prompt: 'Hello', max_tokens: 1 }),
  });
  return { status: response.status, body: await response.json() };
}

describe('scripted server with a required API key', () => {
  it('answers 401 with OpenAI’s invalid_api_key body to a missing or wrong key, and counts nothing as served', async () => {
    const missing = await complete(null);
    const wrong = await complete('Bearer sk-wrong');
    const models = await fetch(`${server.baseUrl}/models`, { headers: { authorization: 'Bearer sk-wrong' } });
    expect(missing).toEqual({
      status: 401,
      body: {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      },
    });
    expect(wrong.status).toBe(401);
    expect(models.status).toBe(401);
    expect(server.received()).toBe(3);
    expect(server.servedTotal()).toBe(0);
  });

  it('answers the right key as usual', async () => {
    const right = await complete('Bearer sk-right');
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ object: 'text_completion', choices: [{ index: 0 }] });
    expect(server.servedTotal()).toBe(1);
  });
});
