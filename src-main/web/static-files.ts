/** Serves the built renderer (out/renderer) read-only, with no path escaping the folder. */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * Resolves a URL path, already %-decoded by the caller, inside `root`; `/` and unknown extension-less paths
 * give index.html (single-page app).
 */
export async function readStaticFile(root: string, decoded: string): Promise<StaticFile | null> {
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const relative =
    decoded === '/' || extname(decoded) === '' ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const path = resolve(join(base, relative));
  if (path !== base && !path.startsWith(base + sep)) return null;
  try {
    return { body: await readFile(path), contentType: TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
