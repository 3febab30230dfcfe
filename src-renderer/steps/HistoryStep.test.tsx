// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src-shared/api/history';
import { fakeSummary } from '../api/fake-api';
import { renderWithStore } from '../test-utils';
import { HistoryStep } from './HistoryStep';

afterEach(cleanup);

function entry(runId: string, patch: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    runId,
    createdAt: '2026-01-02T03:04:05.000Z',
    leaderboard: 'classic-v0.3.0',
    examplesPerScenario: 10,
    scenarios: null,
    model: 'local/stories260k',
    baseUrl: 'http://127.0.0.1:9/v1',
    status: 'done',
    rank: 12,
    rankInterval: [10, 13],
    runDirectory: '/data/runs/x',
    ...patch,
  };
}

describe('HistoryStep', () => {
  it('finds a run by a scenario it covered, every core scenario when it chose none, and says when none matches', async () => {
    const history = [entry('run-a'), entry('run-b', { scenarios: [] }), entry('run-c', { scenarios: ['imdb'] })];
    const { store } = renderWithStore(<HistoryStep />, {
      'history.list': async () => history,
      'leaderboards.list': async () => [fakeSummary('classic-v0.3.0', 12)],
    });
    await act(() => store.getState().loadLeaderboards());
    await screen.findByTestId('history-table');
    const search = screen.getByTestId('history-search');
    // Was: "0 of 3 runs": a run that chose no scenario (every core one) was never found by a scenario.
    fireEvent.change(search, { target: { value: 'boolq' } });
    await waitFor(() => expect(screen.getByTestId('history-table').querySelectorAll('tbody tr')).toHaveLength(2));
    expect(screen.getByTestId('step-history').textContent).toContain('2 of 3 runs');
    fireEvent.change(search, { target: { value: 'imdb' } });
    expect(screen.getByTestId('history-table').querySelectorAll('tbody tr')).toHaveLength(3);
    expect(screen.getByTestId('history-table').textContent).toContain('all 3');
    // Was: only the table's headers.
    fireEvent.change(search, { target: { value: 'gsm8k ' } });
    expect(screen.queryByTestId('history-table')).toBeNull();
    expect(screen.getByTestId('history-no-match').textContent).toBe('No run matches “gsm8k”.');
  });
});
