/**
 * Reading selected entries of a tar or tar.gz archive (MMLU `data.tar`, IMDB `aclImdb_v1.tar.gz`) in one
 * streaming pass: only entries the caller selects are buffered.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

export interface TarReadOptions {
  /** Decompress with gzip first (`.tar.gz`). */
  readonly gzip?: boolean;
  /** Which file entries to read, by their path inside the archive. */
  readonly select: (name: string) => boolean;
  /** Receives each selected file's bytes, in archive order. */
  readonly onEntry: (name: string, content: Buffer) => void;
  readonly signal?: AbortSignal;
}

export async function readTarEntries(path: string, options: TarReadOptions): Promise<void> {
  const extractor = extract();
  async function consumeEntries(): Promise<void> {
    for await (const entry of extractor) {
      options.signal?.throwIfAborted();
      const name = entry.header.name;
      if (entry.header.type === 'file' && options.select(name)) {
        const chunks: Buffer[] = [];
        // tar-stream entries are byte streams.
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        options.onEntry(name, Buffer.concat(chunks));
      } else {
        entry.resume();
      }
    }
  }
  const consume = (async () => {
    try {
      await consumeEntries();
    } catch (error) {
      // Stop reading the archive: a failing consumer must not leave the file stream open.
      extractor.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  })();
  const source = createReadStream(path);
  const feed = options.gzip ? pipeline(source, createGunzip(), extractor) : pipeline(source, extractor);
  const [fed, consumed] = await Promise.allSettled([feed, consume]);
  // Report the consumer's error first: the feed's is then only the consequence of destroying the extractor.
  if (consumed.status === 'rejected') throw consumed.reason;
  if (fed.status === 'rejected') throw fed.reason;
}
