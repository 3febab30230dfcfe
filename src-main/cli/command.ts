/**
 * One CLI command: a name path (e.g. `leaderboard import`), help text, and its implementation, loaded on demand.
 * The list of commands (./commands/index.ts) holds only the first three, so `--help` and the light commands never
 * load what the heavy ones need (the engine, the `openai` SDK, React); in the build each implementation is its own
 * chunk (scripts/build.mjs).
 */
export interface CliContext {
  /** Where normal output goes (tests capture it). */
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

/** What `helm-rank --help` shows of a command. */
export interface CommandInfo {
  /** Words that select the command, e.g. `['leaderboard', 'import']`. */
  readonly path: readonly string[];
  /** One-line usage, e.g. `leaderboard import <version|url|path> [--name NAME] [--mirror URL]`. */
  readonly usage: string;
  readonly summary: string;
}

/** A command's implementation: runs with the arguments after its path and returns the exit code. */
export interface CommandModule {
  run(args: readonly string[], context: CliContext, command: CommandInfo): Promise<number>;
}

export interface CliCommand extends CommandInfo {
  /** Imports the implementation (a dynamic import, so it is loaded only when this command runs). */
  load(): Promise<CommandModule>;
}
