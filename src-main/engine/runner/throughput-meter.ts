/**
 * Answers per second over the last minute, from their arrival times (at most a few thousand kept, so memory is
 * bounded at any rate). Counting the time since the oldest answer kept up to now, the rate falls by itself when
 * answers stop coming, so an ETA made from it never promises "21 s" to a server that has gone silent.
 */
export class ThroughputMeter {
  private readonly times: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxSamples = 4096,
  ) {}

  record(now: number): void {
    this.times.push(now);
    if (this.times.length > this.maxSamples) this.times.splice(0, this.times.length - this.maxSamples);
  }

  /** Answers in the window. */
  count(now: number): number {
    this.drop(now);
    return this.times.length;
  }

  /** Answers per second over the window, up to `now`; 0 without answers. */
  rate(now: number): number {
    this.drop(now);
    const oldest = this.times[0];
    if (oldest === undefined) return 0;
    const spanMs = Math.max(now - oldest, 1000);
    return (this.times.length * 1000) / spanMs;
  }

  /** The mean time between answers in the window (not counting the time since the last one); 0 with fewer than 3. */
  meanGapMs(now: number): number {
    this.drop(now);
    const first = this.times[0];
    const last = this.times[this.times.length - 1];
    return this.times.length >= 3 && first !== undefined && last !== undefined
      ? (last - first) / (this.times.length - 1)
      : 0;
  }

  private drop(now: number): void {
    let old = 0;
    while (old < this.times.length && (this.times[old] as number) < now - this.windowMs) old++;
    if (old > 0) this.times.splice(0, old);
  }
}
