import { describe, expect, it } from 'vitest';
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
