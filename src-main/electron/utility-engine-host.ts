/**
 * The engine as an Electron `utilityProcess` (a Node child that Chromium's process model manages). The
 * lifecycle is the CLI's (src-main/engine/process/engine-host-base.ts), so the run service can use either;
 * this class only forks. The engine entry is the bundled `out/app/engine.js` (the CLI forks the same file).
 */
import type { UtilityProcess } from 'electron';
import type { EngineMessage } from '../../src-shared/engine/protocol';
import { EngineHostBase } from '../engine/process/engine-host-base';
import type { EngineChild } from '../engine/process/engine-host-base';

/** Electron's `utilityProcess.fork`, injected so tests run without Electron. */
export type ForkUtility = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; stdio: 'pipe'; env?: NodeJS.ProcessEnv },
) => UtilityProcess;

export class UtilityEngineHost extends EngineHostBase {
  constructor(
    private readonly fork: ForkUtility,
    private readonly entry: string,
    onMessage?: (message: EngineMessage) => void,
  ) {
    super('UtilityEngineHost', onMessage);
  }

  protected launch(): EngineChild {
    const child = this.fork(this.entry, [], { serviceName: 'HELM Rank engine', stdio: 'pipe' });
    return {
      get pid() {
        return child.pid;
      },
      stderr: child.stderr,
      onMessage: (listener) => child.on('message', listener),
      // utilityProcess reports an exit code only, no signal.
      onExit: (listener) => child.on('exit', (code: number) => listener(code, null)),
      send: (message) => child.postMessage(message),
      kill: () => child.kill(),
    };
  }
}
