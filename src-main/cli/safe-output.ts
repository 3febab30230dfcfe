/**
 * The CLI's output streams: everything written is passed through {@link escapeControlCharacters} (line feeds and
 * tabs kept), so no model name, server message or file name can move the cursor, set the window title or rewrite a
 * line. Our own terminal controls (the progress bar's line clearing) go through `writeControl`, unescaped.
 */
import { Writable } from 'node:stream';
import { escapeControlCharacters } from '../../src-shared/text';

/** A CLI output stream; `writeControl` exists on the streams {@link safeOutput} makes. */
export type TerminalStream = NodeJS.WritableStream & {
  isTTY?: boolean;
  columns?: number;
  writeControl?: (sequence: string) => void;
};

class SafeStream extends Writable {
  constructor(private readonly target: TerminalStream) {
    super({ decodeStrings: false });
  }

  get isTTY(): boolean {
    return this.target.isTTY === true;
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  writeControl(sequence: string): void {
    this.target.write(sequence);
  }

  // Passed on at once (not after the target's callback): output stays in order with the other stream and is not
  // held in this stream's buffer when the process exits.
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.target.write(escapeControlCharacters(chunk.toString(), { keepLines: true }));
    callback();
  }
}

/** `stream` with control characters in everything written to it escaped. */
export function safeOutput(stream: TerminalStream): TerminalStream {
  return stream instanceof SafeStream ? stream : new SafeStream(stream);
}
