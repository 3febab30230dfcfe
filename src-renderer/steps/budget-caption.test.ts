import { describe, expect, it } from 'vitest';
import { fakeTradeoff } from '../api/fake-api';
import { tradeoffCaption } from './budget-caption';

const count = (text: string, word: RegExp) => text.match(word)?.length ?? 0;

describe('the Budget step caption', () => {
  it('says once that a simulated calibration is approximate, keeping what the calibration rests on', () => {
    // Was: "…calibrated as your result will be (on per-instance data simulated from the published cells:
    // approximate). Computed on this leaderboard: calibrated on 66 models …, leave-one-model-out (simulated
    // per-instance data: approximate; conservative for graded metrics)." — the same caveat twice.
    const simulated = { ...fakeTradeoff('classic-v0.3.0', ['boolq', 'imdb']), calibrationBasis: 'simulated' as const };
    const caption = tradeoffCaption(simulated, { chosen: 2, of: 16 }, false);
    expect(caption).toBe(
      'Expected interval for 2 of 16 scenarios. Computed on this leaderboard, calibrated as your result will be: ' +
        'leave-one-model-out on 12 models (release v0.3.0), 20 draws each, on per-instance data simulated from its ' +
        'published cells, so approximate (conservative for graded metrics).',
    );
    expect(count(caption, /simulated/g)).toBe(1);
    expect(count(caption, /approximate/g)).toBe(1);
    expect(count(caption, /calibrated/g)).toBe(1);
  });

  it("names the leaderboard's own per-instance data when the calibration rests on it, and says nothing approximate", () => {
    const real = { ...fakeTradeoff('classic-v0.3.0'), calibrationBasis: 'per-instance' as const };
    const caption = tradeoffCaption(real, { chosen: 3, of: 3 }, false);
    expect(caption).toContain('Expected interval for all 3 scenarios.');
    expect(caption).toContain('20 draws each, on its own per-instance data.');
    expect(caption).not.toMatch(/simulated|approximate/);
  });

  it('says which scenarios the rows still describe while a new choice is calibrated, and before any table', () => {
    const previous = fakeTradeoff('classic-v0.3.0');
    expect(tradeoffCaption(previous, { chosen: 1, of: 3 }, true)).toBe(
      'Recomputing every column for 1 of 3 scenarios (a new calibration: it can take a minute); the rows below are still for all 3 scenarios.',
    );
    expect(tradeoffCaption(null, { chosen: 3, of: 3 }, true)).toMatch(/^Computing the expected intervals/);
  });

  it('says the intervals are raw and not calibrated, and why, on a board too small to calibrate', () => {
    // Was: "calibrated as your result will be" while the result said "not calibrated: 12 models are too few …".
    const small = {
      ...fakeTradeoff('demo-classic'),
      notCalibrated: '12 models are too few for a 95 % conformal factor',
    };
    const caption = tradeoffCaption(small, { chosen: 3, of: 3 }, false);
    expect(caption).toContain(
      'not calibrated: 12 models are too few for a 95 % conformal factor. These are the raw bootstrap intervals your result will report',
    );
    expect(caption).not.toContain('calibrated as your result will be');
  });
});
