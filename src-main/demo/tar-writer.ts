/** Writes tar archives in the format the scenarios' sources ship (the demo's fixture sources and the tests). */
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** A tar archive (ustar, as GNU tar writes small files), optionally gzipped, holding `files` in the given order. */
export async function makeTar(files: readonly (readonly [string, string | Buffer])[], gzip = false): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  // tar-stream emits Buffers; its types say unknown.
  packer.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    packer.on('end', resolve);
    packer.on('error', reject);
  });
  // A fixed mtime keeps the archive bytes deterministic (fixture mirrors are compared byte for byte).
  for (const [name, content] of files) packer.entry({ name, mtime: new Date(Date.UTC(2011, 5, 26)) }, content);
  packer.finalize();
  await done;
  const tar = Buffer.concat(chunks);
  return gzip ? gzipSync(tar) : tar;
}
