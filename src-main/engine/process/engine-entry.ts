/**
 * The engine process's side of the protocol. The same entry runs under Node's `child_process.fork`
 * (`process.send` / `process.on('message')`) and Electron's `utilityProcess.fork` (`process.parentPort`);
 * every incoming message is validated before use. One job per process: it exits when the job ends.
 */
import { toAppErrorData } from '../../../src-shared/errors';
import { hostMessageSchema } from '../../../src-shared/engine/protocol';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import type { EngineComponents } from '../runner/components';
import { PauseGate } from '../runner/pause-gate';
import { runJob } from './run-job';

/** How the engine talks to its host. */
export interface EngineTransport {
  send(message: EngineMessage): Promise<void>;
  onMessage(listener: (raw: unknown) => void): void;
}

/** Electron's utility-process port (`process.parentPort`), typed at this boundary only. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export function detectTransport(): EngineTransport {
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort; // boundary: Electron adds parentPort
  if (parentPort) {
    return {
      send: async (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send) {
    return {
      send: (message) =>
        new Promise<void>((resolve) => {
          if (!process.connected) return resolve();
          process.send?.(message, undefined, undefined, () => resolve());
        }),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('The engine entry must be started by an engine host (no IPC channel).');
}

/** Serves one job over the transport, then exits (0 after `done`, 1 after `error`). */
export function serveEngine(
  createComponents: () => EngineComponents | Promise<EngineComponents>,
  transport = detectTransport(),
): void {
  const controller = new AbortController();
  const gate = new PauseGate();
  let started = false;
  let outbox: Promise<void> = Promise.resolve();
  const emit = (message: EngineMessage) => {
    outbox = outbox.then(() => transport.send(message));
  };
  const finish = async (code: number) => {
    await outbox;
    process.exit(code);
  };

  transport.onMessage((raw) => {
    const parsed = hostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      emit({ type: 'log', level: 'warning', message: `Engine ignored an invalid message: ${parsed.error.message}` });
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'pause':
        gate.pause();
        return;
      case 'resume':
        gate.resume();
        return;
      case 'cancel':
        controller.abort();
        gate.resume();
        return;
      case 'start':
        if (started) {
          emit({ type: 'log', level: 'warning', message: 'Engine ignored a second start: one job per process.' });
          return;
        }
        started = true;
        void (async () => {
          try {
            const components = await createComponents();
            await runJob(message.job, components, { signal: controller.signal, gate, emit });
            await finish(0);
          } catch (error) {
            if (controller.signal.aborted) {
              emit({ type: 'done', outcome: 'cancelled', runs: [] });
              await finish(0);
              return;
            }
            emit({ type: 'error', error: toAppErrorData(error, 'engine.failed') });
            await finish(1);
          }
        })();
    }
  });
  // Orphaned (host gone): stop at once; the cache keeps what was done.
  process.on('disconnect', () => process.exit(2));
  emit({ type: 'ready', pid: process.pid });
}
