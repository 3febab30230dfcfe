/**
 * A saved API key reaches only the origin it was saved for, through every channel that talks to a model:
 * Test connection, the dry run, a run and its resume. Another origin — a loopback "attacker" recording
 * every request — is asked without the key, and one that wants a key is told why none was sent. Also: environment keys, a redirect
 * from the key's own origin, and credentials in a base URL.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelEndpoint } from '../../../src-shared/api/models';
import type { AppErrorData } from '../../../src-shared/errors';
import { startFixtureServer } from '../../demo/http-fixture-server';
import type { FixtureServer } from '../../demo/http-fixture-server';
import { startScriptedOpenAiServer } from '../../../dev/testing/scripted-openai-server';
import type { ScriptedServer } from '../../../dev/testing/scripted-openai-server';
import { createAppServices } from '../app-services';
import type { AppBackend, AppServicesOptions } from '../app-services';
import { builtTestEngine } from '../../../dev/testing/built-app';

const tinyEngine = builtTestEngine('tiny-engine-main');
const KEY = 'sk-good-key-0123456789';

let legit: ScriptedServer;
let attacker: FixtureServer;
let dir: string;
let backend: AppBackend;

beforeAll(async () => {
  legit = await startScriptedOpenAiServer({ apiKey: KEY });
  attacker = await startFixtureServer();
});
afterAll(async () => {
  await legit.close();
  await attacker.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-key-origin-'));
  backend = services();
});
afterEach(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

function services(options: Partial<AppServicesOptions> = {}): AppBackend {
  return createAppServices({ dataDir: join(dir, 'data'), env: {}, engineEntry: tinyEngine, ...options });
}

const endpoint = (baseUrl: string, apiKeyId: string | null = 'api-key:custom'): ModelEndpoint => ({
  preset: 'custom',
  baseUrl,
  model: 'scripted',
  mode: 'completions',
  apiKeyId,
  pricePerMillionPrompt: null,
  pricePerMillionCompletion: null,
});
const config = (baseUrl: string, apiKeyId?: string | null) => ({
  leaderboard: 'lb',
  examplesPerScenario: 10 as const,
  endpoint: endpoint(baseUrl, apiKeyId),
  scenarios: [],
});

/** Every request the attacker saw, with anything in it that could carry the key. */
const attackerSaw = () => JSON.stringify(attacker.requests);

async function refusal(call: Promise<unknown>): Promise<AppErrorData> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).not.toBeNull();
  return error as AppErrorData;
}

/** The run's final record, once the run service has written it (finishedAt set) and let the run go. */
async function finished(runId: string): Promise<{ status: string }> {
  const path = join(dir, 'data', 'runs', runId, 'run.json');
  for (;;) {
    const record = JSON.parse(await readFile(path, 'utf8')) as { status: string; finishedAt: string | null };
    if (record.finishedAt !== null) return record;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a saved key goes only to the origin it was saved for', () => {
  it('Test connection: sent to its own origin; another origin is tested without it, and told why if it wants one', async () => {
    await backend.api['secrets.set']({ id: 'api-key:custom', value: KEY, baseUrl: legit.baseUrl });
    expect(await backend.api['secrets.status']({ id: 'api-key:custom' })).toMatchObject({
      present: true,
      origin: new URL(legit.baseUrl).origin,
    });
    // The legit server refuses any request without the key, so ok:true proves the key was sent there.
    expect((await backend.api['models.testConnection']({ endpoint: endpoint(legit.baseUrl) })).ok).toBe(true);

    // A local server that needs no key works although a key is stored for another endpoint (before: refused).
    const keyless = await startScriptedOpenAiServer();
    // One that needs a key of its own is told why none was sent, naming both endpoints.
    const keyed = await startScriptedOpenAiServer({ apiKey: 'sk-another-service' });
    try {
      expect((await backend.api['models.testConnection']({ endpoint: endpoint(keyless.baseUrl) })).ok).toBe(true);
      const report = await backend.api['models.testConnection']({ endpoint: endpoint(keyed.baseUrl) });
      const keyedOrigin = new URL(keyed.baseUrl).origin;
      expect(report.ok).toBe(false);
      expect(report.error).toMatchObject({
        code: 'secrets.other-origin',
        message: `The saved API key belongs to ${new URL(legit.baseUrl).origin}; it is never sent to another endpoint (${keyedOrigin}).`,
        // The app asks for the key for this endpoint (src-renderer/errors/error-words.ts words it from the details).
        details: { endpoint: keyedOrigin },
      });
    } finally {
      await keyless.close();
      await keyed.close();
    }

    const before = attacker.requests.length;
    await backend.api['models.testConnection']({ endpoint: endpoint(attacker.url('/v1')) });
    expect(attacker.requests.length).toBeGreaterThan(before); // asked, without the key
    expect(attackerSaw()).not.toContain(KEY);
  });

  it('dry run, run and resume: another origin gets requests without the key; a run uses its own origin', async () => {
    await backend.api['secrets.set']({ id: 'api-key:custom', value: KEY, baseUrl: legit.baseUrl });
    await backend.api['runs.plan']({ config: config(attacker.url('/v1')) });
    const elsewhere = await backend.api['runs.start']({ config: config(attacker.url('/v1')) });
    await finished(elsewhere.runId);
    expect(attackerSaw()).not.toContain(KEY);

    // A run on the key's own origin: the legit server answers only requests carrying the key.
    const { runId } = await backend.api['runs.start']({ config: config(legit.baseUrl) });
    const done = await finished(runId);
    expect(done.status).toBe('done');
    expect(legit.servedTotal()).toBeGreaterThan(0);

    // Resume goes to the endpoint recorded in run.json (issue #9); pointing app.json elsewhere moves neither the
    // run nor the key.
    const runDir = join(dir, 'data', 'runs', runId);
    const record = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(runDir, 'run.json'), JSON.stringify({ ...record, status: 'failed' }));
    await writeFile(join(runDir, 'app.json'), JSON.stringify({ endpoint: endpoint(attacker.url('/v1')) }));
    const before = attacker.requests.length;
    await backend.api['runs.resume']({ runId });
    expect((await finished(runId)).status).toBe('done');

    expect(attacker.requests.length).toBe(before);
    expect(attackerSaw()).not.toContain(KEY);
  });

  it('does not follow a redirect from the key’s own origin to another one', async () => {
    const redirector = await listen((request, response) => {
      response.writeHead(307, { location: attacker.url(request.url ?? '/') }).end();
    });
    try {
      await backend.api['secrets.set']({ id: 'api-key:custom', value: KEY, baseUrl: redirector.url });
      const report = await backend.api['models.testConnection']({ endpoint: endpoint(`${redirector.url}/v1`) });
      expect(report.ok).toBe(false);
      expect(redirector.seen.some((auth) => auth === `Bearer ${KEY}`)).toBe(true);
      expect(attackerSaw()).not.toContain(KEY);
    } finally {
      await redirector.close();
    }
  });
});

describe('environment keys', () => {
  it('go only to their preset’s service, or to the origin named when starting serve', async () => {
    const env = { HELM_RANK_API_KEY_OPENAI: KEY };
    await backend.close();
    backend = services({ env });
    // Another service that wants a key: tested without this one, and told why and how to bind the variable.
    const keyed = await startScriptedOpenAiServer({ apiKey: 'sk-another-service' });
    try {
      const elsewhere = { ...endpoint(keyed.baseUrl, 'api-key:openai'), preset: 'openai' as const };
      const report = await backend.api['models.testConnection']({ endpoint: elsewhere });
      const keyedOrigin = new URL(keyed.baseUrl).origin;
      expect(report.error).toMatchObject({
        code: 'secrets.other-origin',
        message: `HELM_RANK_API_KEY_OPENAI is bound to https://api.openai.com; it is never sent to another endpoint (${keyedOrigin}).`,
        // …and says how to bind the variable to this endpoint (`helm-rank serve --key-origin openai=<origin>`).
        details: { endpoint: keyedOrigin, keyPreset: 'openai', origin: keyedOrigin },
      });
    } finally {
      await keyed.close();
    }
    const openai = { ...endpoint(attacker.url('/v1'), 'api-key:openai'), preset: 'openai' as const };
    await backend.api['models.testConnection']({ endpoint: openai });
    expect(attackerSaw()).not.toContain(KEY);

    await backend.close();
    backend = services({ env, keyOrigins: { 'api-key:openai': new URL(legit.baseUrl).origin } });
    const bound = { ...endpoint(legit.baseUrl, 'api-key:openai'), preset: 'openai' as const };
    expect((await backend.api['models.testConnection']({ endpoint: bound })).ok).toBe(true);
    await backend.api['models.testConnection']({ endpoint: openai });
    expect(attackerSaw()).not.toContain(KEY);
  });
});

describe('credentials in a base URL', () => {
  it('are refused with a message pointing at the key field, and never saved or repeated', async () => {
    const url = `http://someone:hunter2-password@127.0.0.1:${new URL(legit.baseUrl).port}/v1`;
    for (const call of [
      () => backend.api['models.testConnection']({ endpoint: endpoint(url, null) }),
      () => backend.api['runs.plan']({ config: config(url, null) }),
      () => backend.api['runs.start']({ config: config(url, null) }),
      () => backend.api['secrets.set']({ id: 'api-key:custom', value: KEY, baseUrl: url }),
    ]) {
      const error = await refusal(call());
      expect(error.code).toBe('endpoint.credentials-in-url');
      expect(error.message).toBe(
        'The base URL contains a user name or password; credentials are not accepted in a URL.',
      );
      expect(error.details).toBeUndefined(); // the app's words point at the API key field
      expect(JSON.stringify(error)).not.toContain('hunter2');
    }
    const runs = join(dir, 'data', 'runs');
    expect(existsSync(runs) ? await readdir(runs) : []).toEqual([]);
  });
});

interface Listening {
  readonly url: string;
  /** The Authorization header of each request (empty when absent). */
  readonly seen: string[];
  close(): Promise<void>;
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Listening> {
  const seen: string[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request.headers.authorization ?? '');
    handler?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, // cast: a TCP server's address
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
