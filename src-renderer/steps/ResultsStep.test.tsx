// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeRankResult } from '../api/fake-api';
import { renderWithStore } from '../test-utils';
import { ResultsStep } from './ResultsStep';

afterEach(cleanup);

describe('ResultsStep', () => {
  it('shows the interval, its calibration basis, calibrated P(rank ≤ k) and both tie views', async () => {
    const { store } = renderWithStore(<ResultsStep />);
    await act(async () => {
      await store.getState().loadResult('run-1');
    });
    expect(screen.getByTestId('rank-interval').textContent).toBe('#2 – #5');
    expect(screen.getByTestId('rank-headline').textContent).toContain('Calibrated on the leaderboard');
    expect(screen.getByTestId('calibration-basis').textContent).toBe('calibrated (on simulated per-instance data)');
    expect(screen.getByTestId('prob-rank').textContent).toContain('(calibrated like the interval, on simulated data)');
    expect(screen.getByTestId('prob-rank').textContent).toContain('≤ 3: 55 %');
    const tied = screen.getByTestId('tied-with');
    expect(screen.getByTestId('tied-summary').textContent).toBe('Tied with 2 models, #2–#4');
    expect(tied.textContent).toContain('the order between that model and yours is unresolved');
    // One list of names (display names), not two.
    expect(tied.querySelectorAll('ul.model-list li')).toHaveLength(2);
    expect(tied.querySelector('ul.model-list')?.textContent).toBe('#2 Model 2#4 Model 3');
    const noise = screen.getByTestId('tied-with-board-noise');
    expect(noise.textContent).toBe(
      "Counting the leaderboard models' own sampling noise too: tied with 4 models, #1–#5; that adds Model 1, Model 4.",
    );
    expect(noise.getAttribute('title')).toContain('T2 view');
    expect(screen.getByTestId('results-help').textContent).toContain('ĉ, the calibration factor');
  });

  it('labels raw probabilities and hides the board-noise view for results saved before it existed', async () => {
    const { store } = renderWithStore(<ResultsStep />, {
      'rank.result': async (request) => ({
        ...fakeRankResult(request.runId, 'classic-v0.3.0'),
        calibrated: false,
        probRankAtMostCalibrated: false,
        tiedWithIncludingBoardNoise: null,
        boardNoiseNote: null,
      }),
    });
    await act(async () => {
      await store.getState().loadResult('run-2');
    });
    expect(screen.getByTestId('prob-rank').textContent).toContain('(uncalibrated bootstrap shares)');
    expect(screen.getByTestId('rank-headline').textContent).toContain('not calibrated');
    expect(screen.queryByTestId('tied-with-board-noise')).toBeNull();
  });
});
