/**
 * A child process for the request-cache tests: puts `count` entries (key `<prefix><i>`) into the cache in `dir`,
 * `batch` at a time, and prints `durable <key>` on stdout as each put resolves (the point where the runner counts
 * an answer). Killed at any point, every key it printed must be readable afterwards.
 */
import { RequestCache } from '../../src-main/engine/cache/request-cache';
import type { CacheEntry } from '../../src-main/engine/cache/request-cache';

const [dir = '', prefix = 'k', countText = '100', batchText = '8', sizeText = '2000'] = process.argv.slice(2);
const count = Number(countText);
const batch = Number(batchText);
const text = 'x'.repeat(Number(sizeText));

export function writerEntry(key: string, size = text.length): CacheEntry {
  const body = `${key} ${'x'.repeat(size)}`;
  return {
    result: { success: true, cached: false, completions: [{ text: body, logprob: -1, tokens: [] }] },
    usage: { promptTokens: 1, completionTokens: 1 },
  };
}

if (process.argv[1]?.endsWith('cache-writer.ts')) {
  const cache = await RequestCache.open(dir);
  for (let start = 0; start < count; start += batch) {
    const keys = Array.from({ length: Math.min(batch, count - start) }, (_, i) => `${prefix}${start + i}`);
    await Promise.all(
      keys.map((key) =>
        cache.put(key, writerEntry(key, text.length), { model: `org/${prefix}` }).then(() => {
          process.stdout.write(`durable ${key}\n`);
        }),
      ),
    );
  }
  await cache.close();
  process.stdout.write('finished\n');
}
