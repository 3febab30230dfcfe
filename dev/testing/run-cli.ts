/**
 * Runs the `helm-rank` CLI in-process for tests: `main` with captured stdout and stderr (not a TTY, so
 * progress prints plain lines) and a signal that never aborts.
 */
import { main } from '../../src-main/cli/main';
import { CapturedStream } from './captured-stream';

/** What one CLI invocation returned and printed. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `helm-rank <argv>` with the given environment (the caller's data directory, keys, engine entry). */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<CliOutcome> {
  const stdout = new CapturedStream();
  const stderr = new CapturedStream();
  const code = await main(argv, { stdout, stderr, env, signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
