import { describe, expect, it } from 'vitest';
import { AppError, toAppErrorData } from '../../src-shared/errors';
import { cliHint } from './error-hints';
import { importNeedingLlama } from './optional-module';

describe('importNeedingLlama', () => {
  it('turns a missing node-llama-cpp into an actionable AppError', async () => {
    const missing = Object.assign(
      new Error("Cannot find package 'node-llama-cpp' imported from /x/tiny-model-server.ts"),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    const failure = await importNeedingLlama(() => Promise.reject(missing)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('tiny-model.missing-package');
    expect(cliHint(toAppErrorData(failure))).toContain('scripts/setup.sh');
  });

  it('passes other failures and successes through unchanged', async () => {
    const other = new Error('disk full');
    await expect(importNeedingLlama(() => Promise.reject(other))).rejects.toBe(other);
    await expect(importNeedingLlama(() => Promise.resolve(42))).resolves.toBe(42);
  });
});
