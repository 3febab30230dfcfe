import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { EngineMessage } from '../../src-shared/engine/protocol';
import { UtilityEngineHost } from './utility-engine-host';

vi.mock('electron', () => ({}));

class FakeUtility extends EventEmitter {
  readonly pid = 4242;
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.emit('exit', 9);
    return true;
  }
}

function host() {
  const child = new FakeUtility();
  const messages: EngineMessage[] = [];
  const fork = vi.fn(() => child as never); // cast: a structural stand-in for UtilityProcess
  const engine = new UtilityEngineHost(fork, '/app/out/app/engine.js', (message) => messages.push(message));
  return { child, messages, fork, engine };
}

describe('UtilityEngineHost', () => {
  it('forks the engine entry, sends the job and forwards validated messages', async () => {
    const { child, messages, fork, engine } = host();
    engine.start({ jobId: 'j' } as never); // cast: the engine validates jobs; the host only forwards them
    expect(fork).toHaveBeenCalledWith(
      '/app/out/app/engine.js',
      [],
      expect.objectContaining({ serviceName: 'HELM Rank engine' }),
    );
    expect(child.posted[0]).toMatchObject({ type: 'start' });
    child.emit('message', { type: 'ready', pid: 4242 });
    child.emit('message', { type: 'nonsense' });
    expect(messages[0]).toEqual({ type: 'ready', pid: 4242 });
    expect(messages[1]).toMatchObject({ type: 'log', level: 'warning' });
    engine.pause();
    engine.resume();
    expect(child.posted.slice(1)).toEqual([{ type: 'pause' }, { type: 'resume' }]);
    child.emit('message', { type: 'done', outcome: 'cancelled', runs: [] });
    child.emit('exit', 0);
    expect(await engine.wait()).toMatchObject({ kind: 'done' });
  });

  it('reports a killed engine as a crash with the end of its stderr', async () => {
    const { child, engine } = host();
    engine.start({} as never); // cast: see above
    child.stderr.write('out of memory\n');
    await new Promise((resolve) => setImmediate(resolve));
    child.emit('exit', 137);
    expect(await engine.wait()).toEqual({ kind: 'crashed', code: 137, signal: null, stderrTail: 'out of memory\n' });
  });

  it('stop() cancels, then kills an engine that does not exit in time', async () => {
    const { child, engine } = host();
    engine.start({} as never); // cast: see above
    const exit = await engine.stop(10);
    expect(child.posted).toContainEqual({ type: 'cancel' });
    expect(exit.kind).toBe('crashed');
  });
});
