// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeTable, fakeTradeoff } from '../api/fake-api';
import { renderWithStore } from '../test-utils';
import { BudgetStep } from './BudgetStep';

afterEach(cleanup);

describe('BudgetStep', () => {
  it("shows the computed trade-off with tokens and their basis, beside HELM's published table and its source", async () => {
    const { store } = renderWithStore(<BudgetStep />);
    store.setState({ leaderboardName: 'classic-v0.3.0' });
    const table = await screen.findByTestId('budget-table');
    await waitFor(() => expect(screen.getByTestId('tokens-10').textContent).toBe('612,000'));
    expect(screen.getByTestId('tokens-all').textContent).toBe('78,300,000');
    expect(screen.getByTestId('tokens-basis').textContent).toContain("board's median num_prompt_tokens");
    expect(screen.getByTestId('published-source').textContent).toContain('measured on Classic v0.2.2');
    expect(screen.getByTestId('tradeoff-source').textContent).toContain('Computed on this leaderboard');
    const tenRow = within(table).getByTestId('budget-10').closest('tr');
    expect(tenRow?.textContent).toContain('±4 ranks'); // expected interval half-width (median)
    expect(tenRow?.textContent).toContain('±12 ranks'); // 1 model in 20 gets a wider one
    expect(tenRow?.textContent).toContain('±5'); // HELM's published value
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toContain('Expected 95 % rank interval');
  });

  it('shows no figures, and says to tick a scenario, when none is ticked (before: the full board’s rows stayed)', async () => {
    const { store } = renderWithStore(<BudgetStep />);
    store.setState({ leaderboardName: 'classic-v0.3.0' });
    await waitFor(() => expect(screen.getByTestId('tokens-10').textContent).toBe('612,000'));
    act(() => store.setState({ table: fakeTable('classic-v0.3.0', 5), scenarioChoice: [] }));
    expect(screen.getByTestId('budget-scenarios').textContent).toBe('no scenario yet');
    expect(screen.getByTestId('tradeoff-source').textContent).toContain('No scenario is ticked');
    expect(screen.getByTestId('tokens-10').textContent).toBe('—');
    expect(screen.getByTestId('interval-10').textContent).toBe('—');
    expect(screen.getByTestId('budget-row-10').textContent).not.toMatch(/±|612,000/);
  });

  it('labels defaults when the board has no token stats (release-file boards)', async () => {
    const { store } = renderWithStore(<BudgetStep />, {
      'rank.tradeoff': async (request) => ({
        ...fakeTradeoff(request.leaderboard),
        tokensBasis: 'Tokens: stated defaults for every scenario (HELM Classic General-information medians).',
      }),
    });
    store.setState({ leaderboardName: 'classic-v0.4.0' });
    await waitFor(() =>
      expect(screen.getByTestId('tokens-basis').textContent).toContain('stated defaults for every scenario'),
    );
  });

  it('marks every row as calibrating while the scenario set is calibrated, then shows its figures', async () => {
    let answer: (() => void) | null = null;
    const { store } = renderWithStore(<BudgetStep />, {
      'rank.tradeoff': (request) =>
        new Promise((resolve) => {
          answer = () => resolve(fakeTradeoff(request.leaderboard));
        }),
    });
    store.setState({ leaderboardName: 'classic-v0.3.0' });
    await waitFor(() => expect(answer).not.toBeNull());
    // Not a blank or frozen row: each one says that it is being calibrated; the full run needs no calibration.
    expect(screen.getByTestId('calibrating-10').textContent).toBe('Calibrating… (first time for this scenario set)');
    expect(screen.getByTestId('interval-10').getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('interval-10').getAttribute('data-scenarios')).toBe('');
    expect(screen.queryByTestId('calibrating-all')).toBeNull();
    expect(screen.getByTestId('tradeoff-source').textContent).toContain('the first time takes a while');
    (answer as unknown as () => void)();
    await waitFor(() => expect(screen.getByTestId('interval-10').textContent).toBe('±4 ranks (1 in 20: ±12 ranks)'));
    expect(screen.queryByTestId('calibrating-10')).toBeNull();
  });

  it('labels the rows not calibrated, with raw coverage, on a board too small to calibrate', async () => {
    const { store } = renderWithStore(<BudgetStep />, {
      'rank.tradeoff': async (request) => {
        const table = fakeTradeoff(request.leaderboard);
        return {
          ...table,
          notCalibrated: '12 models are too few for a 95 % conformal factor',
          rows: table.rows.map((row) => (row.examplesPerScenario === 'all' ? row : { ...row, calibrated: false })),
        };
      },
    });
    store.setState({ leaderboardName: 'demo-classic' });
    await waitFor(() => expect(screen.getByTestId('interval-10').textContent).toContain('not calibrated'));
    expect(screen.getByTestId('coverage-10').textContent).toMatch(/^\d+ % \(raw\)$/);
    expect(screen.queryByTestId('not-calibrated-all')).toBeNull();
    expect(screen.getByTestId('tradeoff-source').textContent).toContain(
      'not calibrated: 12 models are too few for a 95 % conformal factor',
    );
  });

  it('computes "compute saved" from the dry-run counts when the row\'s requests are a dry run', async () => {
    const plan = (examplesPerScenario: 10 | 'all', requests: number) => ({
      examplesPerScenario,
      runs: [],
      totals: {
        requests,
        estimatedPromptTokens: requests * 100,
        estimatedCompletionTokens: null,
        estimatedCostUsd: null,
        estimatedSeconds: 2,
      },
      fullRunRequests: null,
    });
    const { store } = renderWithStore(<BudgetStep />);
    store.setState({ leaderboardName: 'classic-v0.3.0' });
    await waitFor(() => expect(screen.getByTestId('saved-10').textContent).toBe('×128')); // the board's estimate
    // Was ×128 (the board's full run ÷ a dry-run count) beside Requests 841: two plans in one row.
    store.setState({ plans: { '10': plan(10, 841), all: plan('all', 1724) } });
    await waitFor(() => expect(screen.getByTestId('requests-10').textContent).toBe('841'));
    expect(screen.getByTestId('saved-10').textContent).toBe('×2.0');
    expect(screen.getByTestId('saved-10').querySelector('.dry-run')).not.toBeNull();
    expect(screen.getByTestId('saved-20').textContent).toBe('×65'); // no dry run: the board's estimate
    // The dry run's time is a lower bound (one short test request's latency), and says so.
    expect(screen.getByTestId('time-10').textContent).toBe('at least 2 s');
    expect(screen.getByTestId('time-10').getAttribute('title')).toMatch(/^At least: a lower bound from one short test/);
    store.setState({ plans: { '10': plan(10, 841) } });
    await waitFor(() => expect(screen.getByTestId('saved-10').textContent).toBe('—'));
  });
});
