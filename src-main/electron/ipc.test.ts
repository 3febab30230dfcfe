import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../src-shared/api/contract';
import { createAppServices } from '../services/app-services';
import type { AppBackend } from '../services/app-services';
import { registerIpcHandlers, trustedSender } from './ipc';

// The layer under test never needs Electron itself: ipcMain and WebContents are passed in. The mock makes
// sure nothing here reaches for the real module.
vi.mock('electron', () => ({ ipcMain: {}, app: {} }));

type Handler = (
  event: unknown,
  request: unknown,
) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;

const rendererUrl = 'file:///opt/helm-rank/resources/app/out/renderer/index.html';
const topFrame = (url: string) => ({ senderFrame: { url, parent: null }, sender: {} });

let dir: string;
let backend: AppBackend;
let handlers: Map<string, Handler>;
const ipcMain = {
  handle: (name: string, handler: Handler) => {
    if (handlers.has(name)) throw new Error(`second handler for ${name}`);
    handlers.set(name, handler);
  },
  removeHandler: (name: string) => handlers.delete(name),
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-ipc-'));
  backend = createAppServices({ dataDir: dir, env: {} });
  handlers = new Map();
});

afterEach(async () => {
  await backend.close();
  await rm(dir, { recursive: true, force: true });
});

function register() {
  return registerIpcHandlers(ipcMain as never, backend, trustedSender(rendererUrl)); // cast: a structural stand-in for IpcMain
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract channel', () => {
    register();
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers our own top frame and validates the request', async () => {
    register();
    const ok = await handlers.get('settings.update')!(topFrame(rendererUrl), { theme: 'dark' });
    expect(ok).toMatchObject({ ok: true, result: { theme: 'dark' } });
    const bad = await handlers.get('settings.update')!(topFrame(rendererUrl), { theme: 7 });
    expect(bad.error?.code).toBe('api.bad-request');
  });

  it('refuses other senders: another file, a web page, a sub-frame, no frame', async () => {
    register();
    const call = handlers.get('settings.get')!;
    for (const event of [
      topFrame('file:///tmp/evil/index.html'),
      topFrame('https://example.com/'),
      { senderFrame: { url: rendererUrl, parent: { url: rendererUrl } }, sender: {} },
      { senderFrame: null, sender: {} },
    ]) {
      expect((await call(event, {})).error?.code).toBe('ipc.untrusted-sender');
    }
  });

  it('never returns a stored API key through any channel', async () => {
    register();
    const set = await handlers.get('secrets.set')!(topFrame(rendererUrl), {
      id: 'api-key:openai',
      value: 'sk-live-123',
      baseUrl: 'https://api.openai.com/v1',
    });
    const status = await handlers.get('secrets.status')!(topFrame(rendererUrl), { id: 'api-key:openai' });
    const settings = await handlers.get('settings.get')!(topFrame(rendererUrl), {});
    for (const answer of [set, status, settings]) expect(JSON.stringify(answer)).not.toContain('sk-live-123');
    expect(status.result).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'memory',
      origin: 'https://api.openai.com',
    });
    expect(await backend.secrets.read('api-key:openai')).toMatchObject({
      value: 'sk-live-123',
      origin: 'https://api.openai.com',
    });
  });

  it('forwards app events to attached windows until they are destroyed, and disposes cleanly', () => {
    const registration = register();
    const sent: [string, unknown][] = [];
    let destroy = () => {};
    const contents = {
      isDestroyed: () => false,
      send: (channel: string, payload: unknown) => sent.push([channel, payload]),
      once: (_: string, listener: () => void) => (destroy = listener),
    };
    registration.attachWindow(contents as never); // cast: a structural stand-in for WebContents
    const progress = {
      jobId: 'j',
      phase: 'import' as const,
      bytes: 1,
      totalBytes: 1,
      rate: 0,
      runsRead: 2,
      warnings: [],
      error: null,
      leaderboard: null,
    };
    backend.events.emit('leaderboards.progress', progress);
    expect(sent).toEqual([['event:leaderboards.progress', progress]]);
    destroy();
    backend.events.emit('leaderboards.progress', progress);
    expect(sent).toHaveLength(1);
    registration.dispose();
    expect(handlers.size).toBe(0);
  });
});
