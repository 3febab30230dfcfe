import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyMirror, DIRECTORY_INDEX, resolveMirror } from './mirror';

describe('the mirror rule', () => {
  const dir = join('/tmp', 'helm mirror');

  it('maps https://HOST/PATH to <mirror>/HOST/PATH for http, file:// and directory mirrors', () => {
    expect(applyMirror('https://example.org/a/b.csv?x=1', 'http://127.0.0.1:9/m/')).toBe(
      'http://127.0.0.1:9/m/example.org/a/b.csv?x=1',
    );
    expect(applyMirror('https://example.org/a/b%20c.csv', dir)).toBe(
      pathToFileURL(join(dir, 'example.org', 'a', 'b c.csv')).href,
    );
    expect(applyMirror('https://example.org/a/b.csv', pathToFileURL(dir).href)).toBe(
      pathToFileURL(join(dir, 'example.org', 'a', 'b.csv')).href,
    );
  });

  it('stores a URL ending in / as <path>/_index in local mirrors, and keeps the / for http mirrors', () => {
    const url = 'https://worksheets.codalab.org/rest/bundles/0x1234/contents/blob/';
    const expected = pathToFileURL(
      join(dir, 'worksheets.codalab.org', 'rest', 'bundles', '0x1234', 'contents', 'blob', DIRECTORY_INDEX),
    ).href;
    expect(applyMirror(url, dir)).toBe(expected);
    expect(applyMirror(url, pathToFileURL(dir).href)).toBe(expected);
    expect(applyMirror(url, 'http://127.0.0.1:9')).toBe(
      'http://127.0.0.1:9/worksheets.codalab.org/rest/bundles/0x1234/contents/blob/',
    );
  });

  it('leaves non-http sources and the no-mirror case alone', () => {
    expect(applyMirror('/data/file.zip', dir)).toBe('/data/file.zip');
    expect(applyMirror('https://example.org/x', null)).toBe('https://example.org/x');
    expect(resolveMirror(undefined, { HELM_RANK_MIRROR: ' /m ' })).toBe('/m');
    expect(resolveMirror(undefined, { HELM_RANK_MIRROR: '' })).toBeNull();
  });
});
