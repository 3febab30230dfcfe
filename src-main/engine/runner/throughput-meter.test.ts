import { describe, expect, it } from 'vitest';
import { ThroughputMeter } from './throughput-meter';

describe('ThroughputMeter', () => {
  it('measures answers per second over the window, falling while none come', () => {
    const meter = new ThroughputMeter(60_000);
    for (let t = 0; t < 10_000; t += 500) meter.record(t); // 2 per second for 10 s
    expect(meter.rate(10_000)).toBeCloseTo(2, 5);
    expect(meter.meanGapMs(10_000)).toBe(500);
    // 10 s of silence: the same 20 answers over 20 s.
    expect(meter.rate(20_000)).toBeCloseTo(1, 5);
    expect(meter.meanGapMs(20_000)).toBe(500);
    // Past the window, nothing is left: no rate, no ETA to make from it.
    expect(meter.rate(80_000)).toBe(0);
    expect(meter.count(80_000)).toBe(0);
  });

  it('keeps a bounded number of samples at any rate', () => {
    const meter = new ThroughputMeter(60_000, 100);
    for (let i = 0; i < 10_000; i++) meter.record(i / 10); // 10,000 per second
    expect(meter.count(1000)).toBe(100);
    expect(meter.rate(1000)).toBeCloseTo(100, 0); // the samples span 10 ms, within a 1 s floor
  });
});
