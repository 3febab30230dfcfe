import { describe, expect, it } from 'vitest';
import { runCli } from '../../dev/testing/run-cli';
import { commands } from './commands/index';
import { optionsOf } from './command';

describe('helm-rank help', () => {
  it('lists a group’s subcommands for `leaderboard --help` and `cache --help` (exit 0), and for a bare group (exit 2)', async () => {
    for (const group of ['leaderboard', 'cache']) {
      const members = commands.filter((command) => command.path[0] === group);
      const help = await runCli([group, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.stderr).toBe('');
      expect(help.stdout).not.toContain('unknown command');
      for (const command of members)
        expect(help.stdout).toContain(`helm-rank ${command.usage}\n      ${command.summary}`);
      // Only the group's own commands.
      expect(help.stdout).not.toContain('helm-rank run ');
      const bare = await runCli([group], {});
      expect(bare.code).toBe(2);
      expect(bare.stdout).toBe(help.stdout);
    }
    const unknown = await runCli(['leaderboard', 'bogus'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'leaderboard bogus'");
    expect(unknown.stderr).toContain('helm-rank leaderboard show');
  });

  it('describes every option of a command in one line each, from the definitions the parser uses', async () => {
    for (const command of commands) {
      const { code, stdout } = await runCli([...command.path, '--help'], {});
      expect(code).toBe(0);
      expect(stdout.startsWith(`usage: helm-rank ${command.usage}\n\n${command.summary}\n\nOptions:\n`)).toBe(true);
      const options = optionsOf(command);
      for (const [name, option] of Object.entries(options)) {
        const line = stdout.split('\n').find((text) => text.startsWith(`  --${name} `));
        expect(line, `${command.path.join(' ')} --${name}`).toBeDefined();
        expect(line).toContain(option.help);
      }
    }
    // A command lists (and takes) only the common options that mean something to it.
    const tiny = await runCli(['tiny-model-server', '--help'], {});
    expect(tiny.stdout).not.toContain('--data-dir');
    expect((await runCli(['tiny-model-server', '--model', 'm', '--json'], {})).stderr).toContain(
      'Unknown option --json',
    );
    const run = await runCli(['run', '--help'], {});
    expect(run.stdout).toMatch(
      /^ {2}--concurrency N +Requests in flight at once: a whole number 1–1024 \(default 8\)\.$/m,
    );
    expect(run.stdout).toMatch(/^ {2}--dry-run +Plan only/m);
  });

  it('names an unknown option in the CLI’s words and points to the command’s --help', async () => {
    const { code, stderr } = await runCli(['rank', 'dir', '--bogus'], {});
    expect(code).toBe(1);
    expect(stderr).toContain('helm-rank: Unknown option --bogus: see `helm-rank rank --help` for its options.');
    expect(stderr).not.toContain('-- "--bogus"');
    // The pointer to --help replaces the usage line.
    expect(stderr).not.toContain('hint: usage:');
    const missing = await runCli(['leaderboard', 'show', 'x', '--table'], {});
    expect(missing.stderr).toContain('--table needs a value: see `helm-rank leaderboard show --help` for its options.');
    const dash = await runCli(['rank', 'dir', '--leaderboard', 'b', '--seed', '-1'], {});
    expect(dash.stderr).toContain('--seed needs a value; one that starts with a dash is written --seed=VALUE');
  });
});
