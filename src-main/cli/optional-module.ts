/**
 * Lazy loading for the commands that need `node-llama-cpp` (the tiny-model server and the demo). That package is
 * a dev-only extra installed by scripts/setup.sh, not a dependency, so every other command must work without it
 * and these two must say what to install instead of crashing at import time.
 */
import { AppError } from '../../src-shared/errors';

export async function importNeedingLlama<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/node-llama-cpp/.test(text) && /(Cannot find|not found|ERR_MODULE_NOT_FOUND)/i.test(text)) {
      throw new AppError({
        code: 'tiny-model.missing-package',
        message:
          'This command runs a local GGUF model and needs the optional package node-llama-cpp, which is not installed.',
        cause: text,
      });
    }
    throw error;
  }
}
