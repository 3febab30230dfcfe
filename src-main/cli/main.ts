/**
 * `helm-rank` entry point: picks the command by its leading words, loads its implementation and runs it.
 * Commands live one per file in ./commands and are listed in ./commands/index.ts (help text + a dynamic import).
 */
import { commands } from './commands/index';
import { commandHelp } from './command';
import type { CliCommand, CliContext } from './command';
import { toAppErrorData } from '../../src-shared/errors';
import { cliErrorLines } from './error-hints';
import { safeOutput } from './safe-output';

export async function main(argv: readonly string[], partial: Partial<CliContext> = {}): Promise<number> {
  const controller = new AbortController();
  const context: CliContext = {
    // Every line the CLI prints goes through one escaping sink (./safe-output.ts).
    stdout: safeOutput(partial.stdout ?? process.stdout),
    stderr: safeOutput(partial.stderr ?? process.stderr),
    env: partial.env ?? process.env,
    signal: partial.signal ?? controller.signal,
  };
  const onSignal = () => controller.abort(new Error('interrupted'));
  if (!partial.signal) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      context.stdout.write(helpText());
      return argv.length === 0 ? 2 : 0;
    }
    const command = findCommand(argv);
    const wantsHelp = (words: readonly string[]) => words.includes('--help') || words.includes('-h');
    if (!command) {
      // A group's first word (`leaderboard`, `cache`): its subcommands; `--help` asks for them, a bare group too.
      const group = commands.filter((candidate) => candidate.path.length > 1 && candidate.path[0] === argv[0]);
      if (group.length > 0 && (argv.length === 1 || wantsHelp(argv.slice(1)))) {
        context.stdout.write(groupHelp(argv[0] ?? '', group));
        return argv.length === 1 ? 2 : 0;
      }
      const known = group.length > 0 ? groupHelp(argv[0] ?? '', group) : helpText();
      context.stderr.write(`helm-rank: unknown command '${argv.join(' ')}'.\n\n${known}`);
      return 2;
    }
    const rest = argv.slice(command.path.length);
    if (wantsHelp(rest)) {
      context.stdout.write(commandHelp(command));
      return 0;
    }
    const implementation = await command.load();
    return await implementation.run(rest, context, command);
  } catch (error) {
    const data = toAppErrorData(error);
    context.stderr.write(`helm-rank: ${data.message}\n${cliErrorLines(data)}`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function findCommand(argv: readonly string[]): CliCommand | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, index) => argv[index] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best;
}

/** `helm-rank <group> --help`: the group's subcommands, as the main help shows them. */
function groupHelp(group: string, members: readonly CliCommand[]): string {
  const lines = members.map((command) => `  helm-rank ${command.usage}\n      ${command.summary}`);
  return `helm-rank ${group}: ${members.map((command) => command.path.slice(1).join(' ')).join(', ')}.\n\nCommands:\n${lines.join('\n')}\n\nEach takes --help for its options.\n`;
}

function helpText(): string {
  const lines = commands.map((command) => `  helm-rank ${command.usage}\n      ${command.summary}`);
  return `HELM Rank: where does your model rank on the HELM leaderboard?\n\nCommands:\n${lines.join('\n')}\n\nCommon options: --data-dir DIR (or HELM_RANK_HOME) keeps all state in DIR.\n\`helm-rank <command> --help\` describes a command's options.\n`;
}
