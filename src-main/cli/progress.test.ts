import { describe, expect, it } from 'vitest';
import { CapturedStream } from '../../dev/testing/captured-stream';
import { createProgressReporter, formatBytes, formatProgress } from './progress';

describe('progress', () => {
  it('formats a bar with percent, sizes and rate', () => {
    expect(
      formatProgress({ label: 'download', done: 512 * 1024, total: 1024 * 1024, unit: 'bytes', rate: 2048 }, 10),
    ).toBe('download  [#####-----]   50%  512.0 KB / 1.0 MB  2.0 KB/s');
    expect(formatProgress({ label: 'import', done: 42, total: null, detail: 'runs read' }, 10)).toBe(
      'import  42  runs read',
    );
    expect(formatBytes(3.5 * 1024 ** 3)).toBe('3.5 GB');
  });

  it('prints plain lines on a phase change or after the interval, not on every update', () => {
    const out = new CapturedStream();
    let time = 0;
    const progress = createProgressReporter(out, { isTTY: false, plainIntervalMs: 1000, now: () => time });
    progress.update({ label: 'download', done: 1, total: 10 });
    time = 10;
    progress.update({ label: 'download', done: 2, total: 10 });
    time = 2000;
    progress.update({ label: 'download', done: 5, total: 10 });
    progress.update({ label: 'import', done: 3, total: null });
    progress.log('warning: x');
    expect(out.text.split('\n').filter(Boolean)).toEqual([
      'download   10%  1 / 10',
      'download   50%  5 / 10',
      'import  3',
      'warning: x',
    ]);
    expect(out.text).not.toContain('\r');
  });

  it('redraws one line on a TTY and clears it at the end', () => {
    const out = new CapturedStream();
    const progress = createProgressReporter(out, { isTTY: true, ttyIntervalMs: 0, width: 70, now: () => 0 });
    progress.update({ label: 'download', done: 1, total: 2 });
    progress.log('note');
    progress.finish();
    expect(out.text).toContain('\r\x1b[2K');
    expect(out.text).toContain('note\n');
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
  });
});
