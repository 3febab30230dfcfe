import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src-shared/error-codes';
import type { ErrorDetail } from '../../src-shared/errors';
import { errorAdvice } from './error-words';

describe('app error words', () => {
  it('words the advice in fields and buttons, never in CLI flags', () => {
    expect(errorAdvice({ code: 'model.unauthorized', message: 'x', details: { hasKey: true } })).toBe(
      'Enter the correct key for this service, press "Save key", then test again.',
    );
    expect(errorAdvice({ code: 'model.unauthorized', message: 'x', details: { hasKey: false } })).toBe(
      'This service needs an API key: enter it, press "Save key", then test again.',
    );
    expect(errorAdvice({ code: 'model.unreachable', message: 'x' })).toContain('base URL');
    for (const code of ['model.echo-unsupported', 'download.failed', 'leaderboard.not-found', 'cache.io']) {
      expect(errorAdvice({ code, message: 'x' }), code).not.toMatch(/(^|\s)--[a-z]/);
    }
  });

  it('words a damaged archive or a missing path by where the import came from, never "delete" a file of the user’s own', () => {
    const advice = (importOrigin: string) =>
      errorAdvice({ code: 'import.corrupt-archive', message: 'x', details: { importOrigin } });
    expect(advice('download')).toContain('press "Download" again');
    expect(advice('file')).toContain('copy it again if it was cut short');
    expect(advice('upload')).toContain('upload it again');
    for (const origin of ['file', 'upload']) expect(advice(origin)).not.toMatch(/delete|Download/);
    expect(errorAdvice({ code: 'import.no-such-path', message: 'x', details: { path: '/x.zip' } })).toContain(
      'Check the path',
    );
  });

  it('never names a CLI flag or environment variable for any code, whatever its details (issue #13, finding 8)', () => {
    // Before: the app showed "--mirror / HELM_RANK_MIRROR", "--base-url" and "--context-window" as advice.
    const variants: Record<string, ErrorDetail>[] = [
      {},
      { status: 404, mirrored: true },
      { cause: 'model' },
      { cause: 'data' },
      { reason: 'dns' },
    ];
    for (const code of ERROR_CODES)
      for (const details of variants)
        expect(errorAdvice({ code, message: 'x', details }) ?? '', code).not.toMatch(/(^|[\s(`])--[a-z]|HELM_RANK_/);
  });

  it('does not call a 404 a network problem, and names the app’s mirror field instead', () => {
    for (const code of ['download.not-found', 'scenario.source-missing', 'run.nothing-scored']) {
      const advice = errorAdvice({ code, message: 'x', details: { status: 404, mirrored: true, cause: 'data' } }) ?? '';
      expect(advice, code).not.toMatch(/network/i);
      expect(advice, code).toMatch(/download mirror/);
    }
  });

  it('uses the details the services send (known names)', () => {
    expect(errorAdvice({ code: 'leaderboard.no-table', message: 'x', details: { knownTables: ['a', 'b'] } })).toBe(
      'Available: a, b.',
    );
  });

  it('has nothing to add for unknown codes', () => {
    expect(errorAdvice({ code: 'no.such-code', message: 'x' })).toBeUndefined();
  });
});

describe('app words for keys bound to endpoints', () => {
  it('asks for the key of this endpoint, and for an environment key says how serve binds it', () => {
    expect(errorAdvice({ code: 'secrets.other-origin', message: 'x', details: { endpoint: 'http://h:1' } })).toBe(
      'Enter the API key for http://h:1 in the API key field and press "Save key" (it will then be used for http://h:1 only), then try again.',
    );
    expect(
      errorAdvice({
        code: 'secrets.other-origin',
        message: 'x',
        details: { endpoint: 'http://h:1', keyPreset: 'openai', origin: 'http://h:1' },
      }),
    ).toContain('helm-rank serve --key-origin openai=http://h:1');
    expect(errorAdvice({ code: 'endpoint.credentials-in-url', message: 'x' })).toContain('API key field');
  });
});
