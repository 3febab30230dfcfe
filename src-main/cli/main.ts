/**
 * `helm-rank` entry point: picks the command by its leading words, loads its implementation and runs it.
 * Commands live one per file in ./commands and are listed in ./commands/index.ts (help text + a dynamic import).
 */
import { commands } from './commands/index';
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
    if (!command) {
      context.stderr.write(`helm-rank: unknown command '${argv.join(' ')}'.\n\n${helpText()}`);
      return 2;
    }
    const rest = argv.slice(command.path.length);
    if (rest.includes('--help') || rest.includes('-h')) {
      context.stdout.write(`usage: helm-rank ${command.usage}\n\n${command.summary}\n`);
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

function helpText(): string {
  const lines = commands.map((command) => `  helm-rank ${command.usage}\n      ${command.summary}`);
  return `HELM Rank: where does your model rank on the HELM leaderboard?\n\nCommands:\n${lines.join('\n')}\n\nCommon options: --data-dir DIR (or HELM_RANK_HOME) keeps all state in DIR.\n`;
}
