/**
 * The Node `child_process.fork` engine host for the CLI and the web bridge; Electron forks the same entry as a
 * `utilityProcess` from src-main/electron. The lifecycle itself (typed messages, pause / resume / cancel, stop,
 * typed exit reason) is shared: src-main/engine/process/engine-host-base.ts.
 */
import { fork } from 'node:child_process';
import type { EngineMessage } from '../../../src-shared/engine/protocol';
import { AppError } from '../../../src-shared/errors';
import { entryFile } from '../app-files';
import { EngineHostBase } from './engine-host-base';
import type { EngineChild } from './engine-host-base';

export type { EngineExit, EngineHostFactory, EngineProcessHost } from './engine-host-base';

export interface EngineHostOptions {
  /** The engine entry file; a `.ts` entry needs a parent started with tsx (`npm run dev`), whose flags it inherits. */
  readonly entry?: string;
  readonly onMessage?: (message: EngineMessage) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** The default engine entry: the bundle out/app/engine.js, or engine-main.ts when running from the sources. */
export function defaultEngineEntry(): string {
  return entryFile('engine', 'engine/process/engine-main.ts');
}

export class EngineHost extends EngineHostBase {
  constructor(private readonly options: EngineHostOptions = {}) {
    super('EngineHost', options.onMessage);
  }

  protected launch(): EngineChild {
    const entry = this.options.entry ?? defaultEngineEntry();
    const execArgv = entry.endsWith('.ts') ? sourceExecArgv(entry) : [];
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

/** A `.ts` engine runs only under the parent's own TypeScript loader (tsx, development); say so instead of crashing. */
function sourceExecArgv(entry: string): string[] {
  if (!process.execArgv.some((flag) => flag.includes('tsx')))
    throw new AppError({
      code: 'engine.failed',
      message: `The engine entry ${entry} is TypeScript, and this process was not started with tsx: build the app (npm run build) and run bin/helm-rank.mjs, or run the sources with npm run dev.`,
    });
  return process.execArgv;
}
