/** One CLI command: a name path (e.g. `leaderboard import`), help text and a run function returning an exit code. */
export interface CliContext {
  /** Where normal output goes (tests capture it). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

export interface CliCommand {
  /** Words that select the command, e.g. `['leaderboard', 'import']`. */
  readonly path: readonly string[];
  /** One-line usage, e.g. `leaderboard import <version|url|path> [--name NAME] [--mirror URL]`. */
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[], context: CliContext): Promise<number>;
}
