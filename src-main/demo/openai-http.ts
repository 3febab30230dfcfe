/**
 * HTTP plumbing shared by the OpenAI-compatible loopback servers (the scripted test server in
 * dev/testing and the tiny real-model server here): JSON responses, request bodies and the request fields
 * both read the same way. Product code (the demo serves the tiny model); dev/ may import it, never the reverse.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers with a JSON body; a no-op once headers are out (a fault or a dropped client got there first). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The whole request body as UTF-8 text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** OpenAI's `stop` field: one string, a list of strings, or absent. */
export function stopSequences(stop: unknown): string[] {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop)) return stop.filter((s): s is string => typeof s === 'string');
  return [];
}

/** A chat request's prompt as these servers see it: the messages' text contents joined by newlines. */
export function chatPrompt(messages: unknown): string {
  const list = Array.isArray(messages) ? (messages as { content?: unknown }[]) : []; // boundary: client JSON, content checked below
  return list.map((message) => (typeof message.content === 'string' ? message.content : '')).join('\n');
}
