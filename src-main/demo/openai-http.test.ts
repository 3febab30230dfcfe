import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chatPrompt, readBody, sendJson, stopSequences } from './openai-http';

describe('openai-http', () => {
  it('reads the OpenAI stop field and chat messages as the loopback servers do', () => {
    expect(stopSequences('\n')).toEqual(['\n']);
    expect(stopSequences(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(stopSequences(undefined)).toEqual([]);
    expect(
      chatPrompt([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'user', content: [] },
      ]),
    ).toBe('Be brief.\nHi\n');
    expect(chatPrompt('not a list')).toBe('');
  });

  it('echoes a JSON body over loopback with its length, and sends once', async () => {
    const server = createServer((request, response) => {
      void readBody(request).then((text) => {
        sendJson(response, 201, { got: JSON.parse(text) as unknown });
        sendJson(response, 500, { ignored: true });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo; // boundary: a TCP listen gives AddressInfo
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: JSON.stringify({ prompt: 'é' }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength('{"got":{"prompt":"é"}}')));
      expect(await response.json()).toEqual({ got: { prompt: 'é' } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
