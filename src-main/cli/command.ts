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

/**
 * One option of a command: what the parser needs (node:util parseArgs: `type`, `multiple`) and what `--help` shows
 * of it (`value`, the placeholder of its value, and `help`, one line). The parser and the help read the same object.
 */
export interface OptionInfo {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  /** Placeholder of a string option's value in the help, e.g. `URL`, `N`. */
  readonly value?: string;
  readonly help: string;
}

export type OptionInfos = Readonly<Record<string, OptionInfo>>;

/** The options every command accepts. */
export const COMMON_OPTIONS = {
  'data-dir': {
    type: 'string',
    value: 'DIR',
    help: 'Keep all state in DIR (default: HELM_RANK_HOME, else the app-data folder).',
  },
  json: { type: 'boolean', help: 'Print machine-readable JSON.' },
  mirror: {
    type: 'string',
    value: 'URL',
    help: 'Fetch every download https://HOST/PATH as URL/HOST/PATH (default: HELM_RANK_MIRROR).',
  },
} as const satisfies OptionInfos;

export type CommonOption = keyof typeof COMMON_OPTIONS;

/** The common options a command takes, then its own: what its parser accepts and its `--help` lists. */
export function optionsOf(command: Pick<CommandInfo, 'options' | 'common'>): OptionInfos {
  const common = Object.entries(COMMON_OPTIONS).filter(
    ([name]) => !command.common || (command.common as readonly string[]).includes(name),
  );
  return { ...command.options, ...Object.fromEntries(common) };
}

/** What `helm-rank --help` and `helm-rank <command> --help` show of a command, and how its arguments parse. */
export interface CommandInfo {
  /** Words that select the command, e.g. `['leaderboard', 'import']`. */
  readonly path: readonly string[];
  /** One-line usage, e.g. `leaderboard import <version|url|path> [--name NAME] [--mirror URL]`. */
  readonly usage: string;
  readonly summary: string;
  /** The command's own options (besides the {@link COMMON_OPTIONS} it takes, see `common`). */
  readonly options?: OptionInfos;
  /** [min, max] number of positional arguments (default [0, 0]). */
  readonly positionals?: readonly [number, number];
  /** Which of {@link COMMON_OPTIONS} it takes (default: all three). */
  readonly common?: readonly CommonOption[];
}

/** A command's implementation: runs with the arguments after its path and returns the exit code. */
export interface CommandModule {
  run(args: readonly string[], context: CliContext, command: CommandInfo): Promise<number>;
}

export interface CliCommand extends CommandInfo {
  /** Imports the implementation (a dynamic import, so it is loaded only when this command runs). */
  load(): Promise<CommandModule>;
}

/** The options' help lines: `  --name VALUE   what it does`, aligned. */
export function optionLines(options: OptionInfos): string[] {
  const flags = Object.entries(options).map(([name, option]) => ({
    flag: `--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`,
    help: option.help,
  }));
  const width = Math.max(...flags.map(({ flag }) => flag.length));
  return flags.map(({ flag, help }) => `  ${flag.padEnd(width)}  ${help}`);
}

/** `helm-rank <command> --help`: usage, summary, then every option it takes with one line each. */
export function commandHelp(command: CommandInfo): string {
  const options = optionLines(optionsOf(command));
  return `usage: helm-rank ${command.usage}\n\n${command.summary}\n${options.length > 0 ? `\nOptions:\n${options.join('\n')}\n` : ''}`;
}
