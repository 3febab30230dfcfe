import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_UPLOADS, UploadStore } from './upload-store';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'helm-rank-upload-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('UploadStore', () => {
  it('appends chunks in order and names the file once the last one arrives', async () => {
    const store = new UploadStore(dir);
    const data = Buffer.from('PK\u0003\u0004 a zip, in three pieces');
    const pieces = [data.subarray(0, 5), data.subarray(5, 20), data.subarray(20)];
    let uploadId: string | null = null;
    let offset = 0;
    let source: string | null = null;
    for (const [i, piece] of pieces.entries()) {
      const answer = await store.receive({
        uploadId,
        fileName: 'C:\\Users\\me\\my board.zip',
        offset,
        data: piece.toString('base64'),
        done: i === pieces.length - 1,
      });
      uploadId = answer.uploadId;
      offset = answer.bytes;
      source = answer.source;
      if (i < pieces.length - 1) expect(source).toBeNull();
    }
    expect(basename(source ?? '')).toBe('my_board.zip');
    expect(await readFile(source ?? '')).toEqual(data);
  });

  it('refuses a chunk out of order, an unknown upload, and names that are not file names', async () => {
    const store = new UploadStore(dir);
    const first = await store.receive({ uploadId: null, fileName: 'a.zip', offset: 0, data: 'AAAA', done: false });
    await expect(
      store.receive({ uploadId: first.uploadId, fileName: 'a.zip', offset: 1, data: 'AAAA', done: true }),
    ).rejects.toThrow(/lost a piece \(expected byte 3, got 1\)/);
    await expect(
      store.receive({ uploadId: 'nope', fileName: 'a.zip', offset: 3, data: 'AAAA', done: true }),
    ).rejects.toThrow(/interrupted/);
    await expect(
      store.receive({ uploadId: '../x', fileName: 'a.zip', offset: 0, data: '', done: true }),
    ).rejects.toThrow(/not an upload id/);
    await expect(store.receive({ uploadId: null, fileName: '..', offset: 0, data: '', done: true })).rejects.toThrow(
      /not a file name/,
    );
  });

  it('keeps the newest uploads only, so the folder does not grow with use', async () => {
    const own = await mkdtemp(join(tmpdir(), 'helm-rank-upload-prune-'));
    try {
      const store = new UploadStore(own);
      const sources: string[] = [];
      for (const name of ['a.zip', 'b.zip', 'c.zip']) {
        const answer = await store.receive({ uploadId: null, fileName: name, offset: 0, data: 'AAAA', done: true });
        sources.push(answer.source ?? '');
        // Distinct modification times on coarse file systems.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await readdir(own)).length).toBe(KEPT_UPLOADS);
      expect(existsSync(sources[0] ?? '')).toBe(false);
      expect(existsSync(sources[2] ?? '')).toBe(true);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});
