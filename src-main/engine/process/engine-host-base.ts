/**
 * One engine-process lifecycle for both ways of starting the engine: a Node `child_process.fork`
 * (src-main/engine/process/engine-host.ts: CLI and web bridge) and an Electron `utilityProcess`
 * (src-main/electron/utility-engine-host.ts). Subclasses only launch the process and adapt its events to
 * {@link EngineChild}; message validation, the typed exit reason and stop (cancel, wait, then kill) live here.
 */
import { escapeControlCharacters } from '../../../src-shared/text';
import type { AppErrorData } from '../../../src-shared/errors';
import type { EngineJobInput } from '../../../src-shared/engine/job';
import { engineMessageSchema } from '../../../src-shared/engine/protocol';
import type { EngineMessage, HostMessageInput } from '../../../src-shared/engine/protocol';

/** Why the engine process ended. */
export type EngineExit =
  | { readonly kind: 'done'; readonly message: Extract<EngineMessage, { type: 'done' }> }
  | { readonly kind: 'error'; readonly error: AppErrorData }
  /** Exited without `done` or `error`: killed, out of memory, a bug. The cache keeps what was done. */
  | {
      readonly kind: 'crashed';
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      readonly stderrTail: string;
    };

/**
 * What a run service needs of an engine process, whichever way it was started: a Node child
 * (src-main/engine/process/engine-host.ts, CLI and web bridge) or an Electron `utilityProcess`
 * (src-main/electron/utility-engine-host.ts).
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

/** A launched engine process as the host sees it, whatever API launched it. */
export interface EngineChild {
  readonly pid: number | undefined;
  /** The engine's stderr, kept (its last 4000 characters) to explain a crash. */
  readonly stderr: NodeJS.ReadableStream | null;
  onMessage(listener: (raw: unknown) => void): void;
  /** `signal` is null where the API reports an exit code only (Electron's utilityProcess). */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** A launch or IPC failure; its message joins the stderr tail. Optional: not every API reports one. */
  onError?(listener: (error: Error) => void): void;
  send(message: HostMessageInput): void;
  kill(): void;
}

const stderrTailLength = 4000;

/** Owns one engine process's lifecycle; a subclass says only how to launch it ({@link EngineHostBase.launch}). */
export abstract class EngineHostBase implements EngineProcessHost {
  private child: EngineChild | null = null;
  private exitPromise: Promise<EngineExit> | null = null;
  private stderrTail = '';

  /**
   * @param hostName names the host in misuse errors
   * @param onMessage receives every validated engine message, and a warning for each invalid one
   */
  protected constructor(
    private readonly hostName: string,
    private readonly onMessage?: (message: EngineMessage) => void,
  ) {}

  /** Starts the engine process; called once, by {@link start}. */
  protected abstract launch(): EngineChild;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Launches the engine and sends it the job (the engine validates the job and applies defaults). */
  start(job: EngineJobInput): void {
    if (this.child) throw new Error(`${this.hostName}.start: already started`);
    const child = this.launch();
    this.child = child;
    let final: EngineExit | null = null;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-stderrTailLength);
    });
    this.exitPromise = new Promise<EngineExit>((resolve) => {
      child.onMessage((raw) => {
        const parsed = engineMessageSchema.safeParse(raw);
        if (!parsed.success) {
          this.onMessage?.({
            type: 'log',
            level: 'warning',
            message: `Host ignored an invalid engine message: ${parsed.error.message}`,
          });
          return;
        }
        // Log lines carry outside text (server errors, file names): escaped once here for every face (CLI, app).
        const message =
          parsed.data.type === 'log'
            ? { ...parsed.data, message: escapeControlCharacters(parsed.data.message) }
            : parsed.data;
        if (message.type === 'done') final = { kind: 'done', message };
        if (message.type === 'error') final = { kind: 'error', error: message.error };
        this.onMessage?.(message);
      });
      // A crash (OOM, kill, a bug) is any exit without `done` or `error`.
      child.onExit((code, signal) => resolve(final ?? { kind: 'crashed', code, signal, stderrTail: this.stderrTail }));
      child.onError?.((error) => {
        this.stderrTail += `\n${error.message}`;
      });
    });
    this.send({ type: 'start', job });
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
    if (!this.exitPromise) throw new Error(`${this.hostName}.wait: not started`);
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

  /** Kills the process without waiting (tests use it to simulate a crash). */
  kill(): void {
    this.child?.kill();
  }

  private send(message: HostMessageInput): void {
    this.child?.send(message);
  }
}
