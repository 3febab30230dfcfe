/** Reading selected entries of a zip archive (OpenbookQA's `OpenBookQA-V1-Sep2018.zip`) with yauzl. */
import { createRequire } from 'node:module';

interface ZipEntry {
  readonly fileName: string;
}
interface ZipFile {
  readEntry(): void;
  on(event: 'entry', listener: (entry: ZipEntry) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  openReadStream(entry: ZipEntry, callback: (error: Error | null, stream?: NodeJS.ReadableStream) => void): void;
  close(): void;
}
interface Yauzl {
  open(path: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip?: ZipFile) => void): void;
}

// yauzl ships no type declarations; this boundary cast names the small part of its API we use.
const yauzl = createRequire(import.meta.url)('yauzl') as Yauzl;

/** Reads the files whose names `select` accepts; returns their bytes by entry name. */
export async function readZipEntries(path: string, select: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, file) =>
      error || !file ? reject(error ?? new Error('no zip')) : resolve(file),
    );
  });
  const out = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry) => {
      if (entry.fileName.endsWith('/') || !select(entry.fileName)) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          zip.close();
          reject(error ?? new Error(`cannot read ${entry.fileName}`));
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
