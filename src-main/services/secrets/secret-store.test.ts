import { describe, expect, it } from 'vitest';
import { envVarFor, MemorySecretStore } from './secret-store';

describe('MemorySecretStore', () => {
  it('keeps keys in memory only and reports where a key comes from', async () => {
    const store = new MemorySecretStore({ HELM_RANK_API_KEY_OPENAI: 'sk-env' });
    expect(await store.status('api-key:openai')).toEqual({ id: 'api-key:openai', present: true, source: 'env' });
    expect(await store.set('api-key:openai', 'sk-typed')).toEqual({
      id: 'api-key:openai',
      present: true,
      source: 'memory',
    });
    expect(await store.read('api-key:openai')).toBe('sk-typed');
    expect(await store.delete('api-key:openai')).toEqual({ id: 'api-key:openai', present: true, source: 'env' });
    expect(await store.read('api-key:openai')).toBe('sk-env');
    expect(await store.status('api-key:vllm')).toEqual({ id: 'api-key:vllm', present: false, source: null });
  });

  it('names the environment variable after the key id', () => {
    expect(envVarFor('api-key:openai')).toBe('HELM_RANK_API_KEY_OPENAI');
    expect(envVarFor('api-key:anthropic-compatible')).toBe('HELM_RANK_API_KEY_ANTHROPIC_COMPATIBLE');
  });
});
