import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from './base-url-check';

describe('checkBaseUrl', () => {
  it('accepts http and https URLs', () => {
    expect(checkBaseUrl('http://127.0.0.1:8000/v1')).toBeNull();
    expect(checkBaseUrl(' https://api.openai.com/v1 ')).toBeNull();
    expect(checkBaseUrl('HTTP://[::1]:8080/v1')).toBeNull();
  });

  it('names a missing scheme and suggests http for local hosts, https for others', () => {
    expect(checkBaseUrl('127.0.0.1:8000/v1')).toEqual({
      reason: 'no-scheme',
      scheme: null,
      suggestion: 'http://127.0.0.1:8000/v1',
    });
    expect(checkBaseUrl('localhost:11434/v1')?.suggestion).toBe('http://localhost:11434/v1');
    expect(checkBaseUrl('api.together.xyz/v1')?.suggestion).toBe('https://api.together.xyz/v1');
  });

  it('names a mistyped scheme and the one meant', () => {
    expect(checkBaseUrl('htp://127.0.0.1:8000/v1')).toEqual({
      reason: 'bad-scheme',
      scheme: 'htp',
      suggestion: 'http://127.0.0.1:8000/v1',
    });
    expect(checkBaseUrl('htps://api.openai.com/v1')?.suggestion).toBe('https://api.openai.com/v1');
    expect(checkBaseUrl('hhtp://x:1/v1')?.suggestion).toBe('http://x:1/v1');
    expect(checkBaseUrl('ftp://example.com/v1')).toMatchObject({ reason: 'bad-scheme', scheme: 'ftp' });
    expect(checkBaseUrl('ws://example.com/v1')).toEqual({ reason: 'bad-scheme', scheme: 'ws', suggestion: null });
  });

  it('calls anything else invalid, with a fix when the slashes were mistyped', () => {
    expect(checkBaseUrl('')).toMatchObject({ reason: 'empty' });
    expect(checkBaseUrl('http:/127.0.0.1:8000/v1')).toEqual({
      reason: 'invalid',
      scheme: null,
      suggestion: 'http://127.0.0.1:8000/v1',
    });
    expect(checkBaseUrl('not a url')).toMatchObject({ reason: 'invalid', suggestion: null });
    expect(checkBaseUrl('http://')).toMatchObject({ reason: 'invalid' });
  });
});
