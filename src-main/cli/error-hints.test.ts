import { describe, expect, it } from 'vitest';
import { AppError, toAppErrorData } from '../../src-shared/errors';
import { cliErrorLines, cliHint, hintLine, usageError } from './error-hints';

describe('CLI error hints', () => {
  it('words the advice in flags, from the code and its details', () => {
    expect(cliHint({ code: 'model.context-exceeded', message: 'x' })).toContain('--context-window');
    expect(cliHint({ code: 'model.echo-unsupported', message: 'x' })).toContain('--mode completions');
    expect(cliHint({ code: 'model.auth', message: 'x' })).toContain('--api-key-env');
    expect(cliHint({ code: 'run-spec.bad-size', message: 'x', details: { sizes: [10, 20, 50] } })).toBe(
      'Choose one of 10, 20, 50.',
    );
    expect(
      cliHint({ code: 'instances.unknown-model', message: 'x', details: { knownModels: 'abcdefghij'.split('') } }),
    ).toBe('Models: a, b, c, d, e, f, g, h, …');
    expect(cliHint({ code: 'leaderboard.damaged', message: 'x', details: { leaderboard: 'lb' } })).toBe(
      'Import it again: helm-rank leaderboard import <source> --name lb',
    );
  });

  it('words a damaged archive by where it came from, and a missing path with the catalogue versions', () => {
    const corrupt = (importOrigin: string) =>
      cliHint({ code: 'import.corrupt-archive', message: 'x', details: { importOrigin } });
    expect(corrupt('download')).toContain('delete it and run the import again');
    expect(corrupt('file')).toContain('unzip -t');
    expect(corrupt('file')).not.toContain('delete');
    expect(cliHint({ code: 'import.no-such-path', message: 'x', details: { knownVersions: ['classic-v0.3.0'] } })).toBe(
      'Check the path; or give a catalogue version (classic-v0.3.0; `helm-rank leaderboard list`) or a URL.',
    );
  });

  it('has nothing to add for codes it does not know or does not advise on', () => {
    expect(cliHint({ code: 'no.such-code', message: 'x' })).toBeUndefined();
    expect(cliHint({ code: 'internal', message: 'x' })).toBeUndefined();
    expect(hintLine(null)).toBe('');
  });

  it('prints the cause when it adds something, then the hint', () => {
    const error = toAppErrorData(usageError('x <a>', 'Missing argument.'));
    expect(error).toEqual({ code: 'cli.usage', message: 'Missing argument.', details: { usage: 'helm-rank x <a>' } });
    expect(cliErrorLines(error)).toBe('  hint: usage: helm-rank x <a>\n');
    const withCause = toAppErrorData(new AppError({ code: 'cache.io', message: 'Cannot write.', cause: 'ENOSPC' }));
    expect(cliErrorLines(withCause)).toMatch(
      /^ {2}cause: ENOSPC\n {2}hint: Check the permissions of the data directory/,
    );
  });
});
