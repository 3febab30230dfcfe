// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeRankedTable, fakeRankResult, fakeTable } from '../api/fake-api';
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

  it('says a one-rank range once, the reason it is not calibrated once, and what the interval is for this result', async () => {
    const uncalibrated = (runId: string) => ({
      ...fakeRankResult(runId, 'classic-v0.3.0'),
      rankInterval: [3, 3] as [number, number],
      calibrated: false,
      calibrationBasis: null,
      calibrationNote: 'not calibrated: 12 models are too few for a 95 % conformal factor',
      probRankAtMostCalibrated: false,
      tiedWith: ['org/model-003'],
      tiedWithIncludingBoardNoise: ['org/model-003'],
    });
    const { store } = renderWithStore(<ResultsStep />, {
      'rank.result': async (request) => uncalibrated(request.runId),
      'rank.table': async (request) => fakeRankedTable(uncalibrated(request.runId), fakeTable('x', 12)),
    });
    await act(async () => {
      await store.getState().loadResult('run-3');
    });
    // Was: "Tied with 1 model, #4–#4".
    expect(screen.getByTestId('tied-summary').textContent).toBe('Tied with 1 model, #4');
    expect(screen.getByTestId('tied-with').textContent).toContain('your 95 % rank interval (#3), which');
    expect(screen.getByTestId('tied-with-board-noise').textContent).toContain('tied with 1 model, #4.');
    // Was: "not calibrated · not calibrated: 12 models are too few …".
    const headline = screen.getByTestId('rank-headline').textContent ?? '';
    expect(headline.match(/not calibrated/g)).toHaveLength(1);
    expect(screen.getByTestId('calibration-basis').textContent).toBe(
      'not calibrated: 12 models are too few for a 95 % conformal factor',
    );
    // Was: "checked on the leaderboard's own models", which is not true of an uncalibrated result.
    const help = screen.getByTestId('results-help').textContent ?? '';
    expect(help).not.toContain('(checked on the leaderboard’s own models');
    expect(help).toContain('This result is not calibrated');
    expect(help).toContain('Not applied here');
    expect(screen.getByText('95 % rank interval', { selector: 'abbr' }).getAttribute('title')).toContain(
      'not calibrated',
    );
  });

  it("marks each rival's score with how yours compares to it, not as if the rival were worse", async () => {
    const { store } = renderWithStore(<ResultsStep />);
    await act(async () => {
      await store.getState().loadResult('run-1');
    });
    const rivals = screen.getByTestId('rivals-table');
    // MMLU: yours 0.85, Model 2 (rank 2) 0.895: yours is worse, said next to their score as "you ▼".
    const mmlu = [...rivals.querySelectorAll('tbody tr')].find((row) => row.textContent?.startsWith('MMLU'));
    const theirs = mmlu?.querySelectorAll('td')[1];
    expect(theirs?.textContent).toBe('0.895 you ▼yours is worse');
    expect(theirs?.className).toBe('worse');
    expect(rivals.querySelector('caption')?.textContent).toContain('you ▲ your score is better than theirs');
  });
});
