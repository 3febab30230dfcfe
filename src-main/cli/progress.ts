/**
 * Progress output for long CLI commands: a redrawn one-line bar on a TTY, plain lines otherwise (CI logs, pipes),
 * printed when the phase changes or at most every few seconds. Every command reuses it:
 * ```ts
 * const progress = createProgressReporter(context.stderr);
 * progress.update({ label: 'download', done: bytes, total, unit: 'bytes', rate });
 * progress.log('warning: …');   // clears the bar, prints the line, redraws
 * progress.finish();
 * ```
 */
import { formatBytes } from '../../src-shared/text';
import type { TerminalStream } from './safe-output';

export { formatBytes };

export interface ProgressUpdate {
  /** Phase or item, e.g. `download`, `import`. */
  readonly label: string;
  readonly done: number;
  /** null when unknown (no bar, just the count). */
  readonly total: number | null;
  /** How to print `done` / `total`. Default `items`. */
  readonly unit?: 'bytes' | 'items';
  /** Per second, same unit. */
  readonly rate?: number;
  /** Extra text after the figures. */
  readonly detail?: string;
}

export interface ProgressReporter {
  update(update: ProgressUpdate): void;
  /** Prints a whole line without breaking the bar. */
  log(line: string): void;
  /** Clears the bar (TTY) or prints the last state (plain). */
  finish(): void;
}

export interface ProgressOptions {
  /** Default: the stream's own `isTTY`. */
  readonly isTTY?: boolean;
  /** Minimum ms between redraws on a TTY (default 100) and between plain lines of one phase (default 2000). */
  readonly ttyIntervalMs?: number;
  readonly plainIntervalMs?: number;
  readonly width?: number;
  readonly now?: () => number;
}

export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  options: ProgressOptions = {},
): ProgressReporter {
  const isTTY = options.isTTY ?? stream.isTTY === true;
  const now = options.now ?? Date.now;
  const interval = isTTY ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 2000);
  let last: ProgressUpdate | null = null;
  let lastDrawn = -Infinity;
  let lastLabel = '';
  let hasBar = false;

  const clear = () => {
    if (isTTY && hasBar) {
      // Our own control sequence: unescaped through the CLI's safe output (./safe-output.ts).
      const control = (stream as TerminalStream).writeControl;
      if (control) control.call(stream, '\r\x1b[2K');
      else stream.write('\r\x1b[2K');
    }
    hasBar = false;
  };
  const draw = (update: ProgressUpdate) => {
    if (isTTY) {
      clear();
      stream.write(formatProgress(update, Math.max(10, Math.min(30, (options.width ?? stream.columns ?? 80) - 60))));
      hasBar = true;
    } else {
      stream.write(`${formatProgress(update, 0)}\n`);
    }
  };

  return {
    update(update) {
      last = update;
      const time = now();
      if (
        update.label !== lastLabel ||
        time - lastDrawn >= interval ||
        (update.total !== null && update.done >= update.total)
      ) {
        lastLabel = update.label;
        lastDrawn = time;
        draw(update);
      }
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      if (isTTY && last) draw(last);
    },
    finish() {
      if (isTTY) clear();
      else if (last && now() !== lastDrawn) draw(last);
      last = null;
    },
  };
}

/** `label [######----]  45%  12.3 MB / 27.0 MB  3.2 MB/s  detail`; no bar when `barWidth` is 0 or total unknown. */
export function formatProgress(update: ProgressUpdate, barWidth: number): string {
  const show = (value: number) => (update.unit === 'bytes' ? formatBytes(value) : String(Math.round(value)));
  const parts = [update.label];
  if (update.total !== null && update.total > 0) {
    const fraction = Math.min(1, update.done / update.total);
    if (barWidth > 0) {
      const filled = Math.round(fraction * barWidth);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`);
    }
    parts.push(`${Math.floor(fraction * 100)}%`.padStart(4), `${show(update.done)} / ${show(update.total)}`);
  } else {
    parts.push(show(update.done));
  }
  if (update.rate !== undefined && update.rate > 0) parts.push(`${show(update.rate)}/s`);
  if (update.detail) parts.push(update.detail);
  return parts.join('  ');
}
