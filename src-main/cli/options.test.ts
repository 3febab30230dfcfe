import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './options';
import { toAppErrorData } from '../../src-shared/errors';
import { cliHint } from './error-hints';

const spec = {
  usage: 'x <a> [--table T]',
  options: { table: { type: 'string', help: 'T.' } },
  positionals: [1, 1],
} as const;

describe('parseCliArgs', () => {
  it('resolves --data-dir over HELM_RANK_HOME and --mirror over HELM_RANK_MIRROR', () => {
    const env = { HELM_RANK_HOME: '/env/home', HELM_RANK_MIRROR: 'http://env-mirror' };
    const fromEnv = parseCliArgs(['a'], { env }, spec);
    expect(fromEnv.dataDir).toBe(resolve('/env/home'));
    expect(fromEnv.mirror).toBe('http://env-mirror');
    expect(fromEnv.json).toBe(false);
    const fromFlags = parseCliArgs(
      ['a', '--data-dir', 'rel/dir', '--mirror', 'http://m', '--json', '--table', 'fairness'],
      { env },
      spec,
    );
    expect(fromFlags.dataDir).toBe(resolve('rel/dir'));
    expect(fromFlags.mirror).toBe('http://m');
    expect(fromFlags.json).toBe(true);
    expect(fromFlags.choice('table', ['accuracy', 'fairness'])).toBe('fairness');
    expect(fromFlags.positionals).toEqual(['a']);
  });

  it('throws cli.usage errors whose hint is the usage line', () => {
    expect(() => parseCliArgs([], { env: {} }, spec)).toThrow(/Missing argument/);
    expect(() => parseCliArgs(['a', 'b'], { env: {} }, spec)).toThrow(/Unexpected argument 'b'/);
    const failure = (args: string[]) => {
      try {
        parseCliArgs(args, { env: {} }, spec);
      } catch (error) {
        return toAppErrorData(error);
      }
      return undefined;
    };
    const extra = failure(['a', 'b']);
    expect(extra?.code).toBe('cli.usage');
    expect(extra && cliHint(extra)).toBe('usage: helm-rank x <a> [--table T]');
    // An unknown option is named in flag words, with the command's --help to turn to instead of the usage line.
    const unknown = failure(['a', '--nope']);
    expect(unknown?.code).toBe('cli.usage');
    expect(unknown?.message).toBe('Unknown option --nope: see `helm-rank x --help` for its options.');
    expect(unknown && cliHint(unknown)).toBeUndefined();
    expect(() => parseCliArgs(['a', '--table', 'z'], { env: {} }, spec).choice('table', ['accuracy'])).toThrow(
      /must be one of accuracy/,
    );
  });
});
