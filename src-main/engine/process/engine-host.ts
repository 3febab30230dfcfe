/**
 * The host side: one class owns an engine process's lifecycle — fork, typed messages in and out, pause /
 * resume / cancel, stop (cancel, wait, then kill) and a typed exit reason (done, error, crash). This is the
 * Node `child_process.fork` host for the CLI and the web bridge; Electron forks the same entry as a
 * `utilityProcess` from src-main/electron.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppErrorData } from '../../../src-shared/errors';
import type { EngineJobInput } from '../../../src-shared/engine/job';
import { engineMessageSchema } from '../../../src-shared/engine/protocol';
import type { EngineMessage, HostMessageInput } from '../../../src-shared/engine/protocol';

/** Why the engine process ended. */
export type EngineExit =
  | { readonly kind: 'done'; readonly message: Extract<EngineMessage, { type: 'done' }> }
  | { readonly kind: 'error'; readonly error: AppErrorData }
  /** Exited without `done` or `error`: killed, out of memory, a bug. The cache keeps what was done. */
  | { readonly kind: 'crashed'; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderrTail: string };

/**
 * What a run service needs of an engine process, whichever way it was started: a Node child ({@link EngineHost},
 * CLI and web bridge) or an Electron `utilityProcess` (src-main/electron/utility-engine-host.ts).
 */
export interface EngineProcessHost {
  start(job: EngineJobInput): void;
  pause(): void;
  resume(): void;
  cancel(): void;
  wait(): Promise<EngineExit>;
  /** Cancel, wait up to `graceMs`, then kill. */
  stop(graceMs?: number): Promise<EngineExit>;
}

/** Makes one engine host per run; the host reports every engine message to `onMessage`. */
export type EngineHostFactory = (onMessage: (message: EngineMessage) => void) => EngineProcessHost;

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

export class EngineHost implements EngineProcessHost {
  private child: ChildProcess | null = null;
  private exitPromise: Promise<EngineExit> | null = null;
  private stderrTail = '';

  constructor(private readonly options: EngineHostOptions = {}) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Forks the engine and sends it the job. Resolves once the job is sent. */
  start(job: EngineJobInput): void {
    if (this.child) throw new Error('EngineHost.start: already started');
    const entry = this.options.entry ?? defaultEngineEntry();
    const execArgv = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    const child = fork(entry, [], { execArgv, env: this.options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
    this.child = child;
    let final: EngineExit | null = null;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.exitPromise = new Promise<EngineExit>((resolve) => {
      child.on('message', (raw) => {
        const parsed = engineMessageSchema.safeParse(raw);
        if (!parsed.success) {
          this.options.onMessage?.({ type: 'log', level: 'warning', message: `Host ignored an invalid engine message: ${parsed.error.message}` });
          return;
        }
        const message = parsed.data;
        if (message.type === 'done') final = { kind: 'done', message };
        if (message.type === 'error') final = { kind: 'error', error: message.error };
        this.options.onMessage?.(message);
      });
      child.on('exit', (code, signal) => {
        resolve(final ?? { kind: 'crashed', code, signal, stderrTail: this.stderrTail });
      });
      child.on('error', (error) => {
        this.stderrTail += `\n${error.message}`;
      });
    });
    this.send({ type: 'start', job }); // the engine validates the job and applies defaults
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  cancel(): void {
    this.send({ type: 'cancel' });
  }

  /** Resolves when the process has exited. */
  wait(): Promise<EngineExit> {
    if (!this.exitPromise) throw new Error('EngineHost.wait: not started');
    return this.exitPromise;
  }

  /** Cancels, waits up to `graceMs` for a clean exit, then kills. */
  async stop(graceMs = 5000): Promise<EngineExit> {
    const exit = this.wait();
    this.cancel();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (first !== 'timeout') return first;
    this.kill();
    return exit;
  }

  /** SIGKILL, no questions asked (tests use it to simulate a crash). */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  private send(message: HostMessageInput): void {
    if (this.child?.connected) this.child.send(message);
  }
}
