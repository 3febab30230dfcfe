/**
 * The engine as an Electron `utilityProcess` (a Node child that Chromium's process model manages): the same
 * lifecycle as the CLI's EngineHost (src-main/engine/process/engine-host.ts) — start with a job, typed
 * messages, pause / resume / cancel, stop (cancel, wait, then kill) and a typed exit reason — so the run
 * service can use either. The engine entry is the bundled `out/electron/engine.js`.
 */
import type { UtilityProcess } from 'electron';
import type { EngineJobInput } from '../../src-shared/engine/job';
import { engineMessageSchema } from '../../src-shared/engine/protocol';
import type { EngineMessage, HostMessageInput } from '../../src-shared/engine/protocol';
import type { EngineExit } from '../engine/process/engine-host';

/** Electron's `utilityProcess.fork`, injected so tests run without Electron. */
export type ForkUtility = (modulePath: string, args: string[], options: { serviceName: string; stdio: 'pipe'; env?: NodeJS.ProcessEnv }) => UtilityProcess;

export class UtilityEngineHost {
  private child: UtilityProcess | null = null;
  private exitPromise: Promise<EngineExit> | null = null;
  private stderrTail = '';

  constructor(
    private readonly fork: ForkUtility,
    private readonly entry: string,
    private readonly onMessage?: (message: EngineMessage) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(job: EngineJobInput): void {
    if (this.child) throw new Error('UtilityEngineHost.start: already started');
    const child = this.fork(this.entry, [], { serviceName: 'HELM Rank engine', stdio: 'pipe' });
    this.child = child;
    let final: EngineExit | null = null;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    this.exitPromise = new Promise<EngineExit>((resolve) => {
      child.on('message', (raw: unknown) => {
        const parsed = engineMessageSchema.safeParse(raw);
        if (!parsed.success) {
          this.onMessage?.({ type: 'log', level: 'warning', message: `Host ignored an invalid engine message: ${parsed.error.message}` });
          return;
        }
        if (parsed.data.type === 'done') final = { kind: 'done', message: parsed.data };
        if (parsed.data.type === 'error') final = { kind: 'error', error: parsed.data.error };
        this.onMessage?.(parsed.data);
      });
      // utilityProcess reports an exit code only; a crash (OOM, kill) is any exit without `done`/`error`.
      child.on('exit', (code: number) => resolve(final ?? { kind: 'crashed', code, signal: null, stderrTail: this.stderrTail }));
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

  wait(): Promise<EngineExit> {
    if (!this.exitPromise) throw new Error('UtilityEngineHost.wait: not started');
    return this.exitPromise;
  }

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

  kill(): void {
    this.child?.kill();
  }

  private send(message: HostMessageInput): void {
    this.child?.postMessage(message);
  }
}
