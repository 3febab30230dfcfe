import { describe, expect, it } from 'vitest';
import { envVarFor, MemorySecretStore, presetKeyOrigins } from './secret-store';

describe('MemorySecretStore', () => {
  it('keeps keys in memory only, bound to an origin, and reports where a key comes from and may go', async () => {
    const store = new MemorySecretStore({ HELM_RANK_API_KEY_OPENAI: 'sk-env' });
    expect(await store.status('api-key:openai')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'env',
      origin: 'https://api.openai.com',
    });
    expect(await store.set('api-key:openai', 'sk-typed', 'https://proxy.example')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'memory',
      origin: 'https://proxy.example',
    });
    expect(await store.read('api-key:openai')).toEqual({
      value: 'sk-typed',
      origin: 'https://proxy.example',
      source: 'memory',
    });
    expect(await store.delete('api-key:openai')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'env',
      origin: 'https://api.openai.com',
    });
    expect(await store.read('api-key:openai')).toEqual({
      value: 'sk-env',
      origin: 'https://api.openai.com',
      source: 'env',
    });
    expect(await store.status('api-key:vllm')).toEqual({
      id: 'api-key:vllm',
      present: false,
      source: null,
      origin: null,
    });
  });

  it('binds environment keys to their preset’s service, to a named origin, or to nothing', async () => {
    const env = { HELM_RANK_API_KEY_TOGETHER: 'tk', HELM_RANK_API_KEY_CUSTOM: 'ck' };
    const store = new MemorySecretStore(env, { 'api-key:custom': 'http://10.0.0.5:8000' });
    expect((await store.read('api-key:together'))?.origin).toBe('https://api.together.xyz');
    expect((await store.read('api-key:custom'))?.origin).toBe('http://10.0.0.5:8000');
    expect((await new MemorySecretStore(env).read('api-key:custom'))?.origin).toBeNull();
    expect(presetKeyOrigins()).toMatchObject({
      'api-key:openai': 'https://api.openai.com',
      'api-key:anthropic-compatible': 'https://api.anthropic.com',
      'api-key:vllm': 'http://127.0.0.1:8000',
    });
    expect(presetKeyOrigins()['api-key:openai-compatible']).toBeUndefined();
  });

  it('names the environment variable after the key id', () => {
    expect(envVarFor('api-key:openai')).toBe('HELM_RANK_API_KEY_OPENAI');
    expect(envVarFor('api-key:anthropic-compatible')).toBe('HELM_RANK_API_KEY_ANTHROPIC_COMPATIBLE');
  });
});
