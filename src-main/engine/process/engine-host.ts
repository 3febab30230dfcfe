/**
 * The Node `child_process.fork` engine host for the CLI and the web bridge; Electron forks the same entry as a
 * `utilityProcess` from src-main/electron. The lifecycle itself (typed messages, pause / resume / cancel, stop,
 * typed exit reason) is shared: src-main/engine/process/engine-host-base.ts.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { EngineHostBase } from './engine-host-base';
import { ENGINE_V8_OPTIONS } from './engine-v8-options';
import type { EngineChild } from './engine-host-base';

export type { EngineExit, EngineHostFactory, EngineProcessHost } from './engine-host-base';

export interface EngineHostOptions {
  /** The engine entry file; `.ts` entries run through tsx (development, tests). */
  readonly entry?: string;
  readonly onMessage?: (message: EngineMessage) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** The default engine entry, next to this file. */
export function defaultEngineEntry(): string {
  return fileURLToPath(new URL('./engine-main.ts', import.meta.url));
}

export class EngineHost extends EngineHostBase {
  constructor(private readonly options: EngineHostOptions = {}) {
    super('EngineHost', options.onMessage);
  }

  protected launch(): EngineChild {
    const entry = this.options.entry ?? defaultEngineEntry();
    const execArgv = [...ENGINE_V8_OPTIONS, ...(entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [])];
    const child = fork(entry, [], {
      execArgv,
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    return {
      get pid() {
        return child.pid;
      },
      stderr: child.stderr,
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      onError: (listener) => child.on('error', listener),
      send: (message) => {
        if (child.connected) child.send(message);
      },
      // SIGKILL, no questions asked: stop() only kills an engine that ignored cancel.
      kill: () => child.kill('SIGKILL'),
    };
  }
}
