/** Bytes-per-second over a sliding window, for download progress (`DownloadProgress.rate`). */
export class RateMeter {
  private readonly samples: { time: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the running byte total and returns the current rate. */
  record(totalBytes: number): number {
    const time = this.now();
    this.samples.push({ time, bytes: totalBytes });
    while (this.samples.length > 2 && time - (this.samples[1]?.time ?? time) > this.windowMs) this.samples.shift();
    const first = this.samples[0];
    if (!first || time === first.time) return 0;
    return ((totalBytes - first.bytes) * 1000) / (time - first.time);
  }
}
