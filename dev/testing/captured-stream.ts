/** A writable stream for tests that keeps everything written to it. */
import { Writable } from 'node:stream';

/** Keeps the written text in `text`; `isTTY` false, as a pipe, so progress prints plain lines. */
export class CapturedStream extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}
