// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { failWith, fakeProgress, fakeSummary } from './api/fake-api';
import { RankChart } from './chart/RankChart';
import { fakeRankResult, fakeTable } from './api/fake-api';
import { renderWithStore } from './test-utils';

afterEach(cleanup);

describe('App against the fake API', () => {
  it('walks the Leaderboard step: preselected version, live download progress, sortable table', async () => {
    const { port } = renderWithStore(<App />);
    const select = await screen.findByTestId('catalogue-select');
    await waitFor(() => expect((select as HTMLSelectElement).value).toBe('classic-v0.3.0'));
    expect(screen.getByTestId('catalogue-status').textContent).toContain('not downloaded');
    fireEvent.click(screen.getByTestId('download'));
    await screen.findByTestId('cancel-download');
    act(() =>
      port.emit('leaderboards.progress', {
        jobId: 'job-1',
        phase: 'download',
        bytes: 500_000,
        totalBytes: 2_000_000,
        rate: 250_000,
        runsRead: 0,
        warnings: [],
        error: null,
        leaderboard: null,
      }),
    );
    const progress = screen.getByTestId('import-progress');
    expect(progress.textContent).toContain('500.0 KB of 2.0 MB');
    expect(progress.textContent).toContain('6 s left');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('500000');
    act(() =>
      port.emit('leaderboards.progress', {
        jobId: 'job-1',
        phase: 'done',
        bytes: 2_000_000,
        totalBytes: 2_000_000,
        rate: 0,
        runsRead: 36,
        warnings: [{ item: 'bad:run', code: 'import.bad-json', message: 'stats.json is not JSON' }],
        error: null,
        leaderboard: 'classic-v0.3.0',
      }),
    );
    const table = await screen.findByTestId('leaderboard-table');
    expect(within(table).getAllByRole('row')).toHaveLength(13);
    expect(screen.getByText('1 warnings (skipped runs)')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: /Mean win rate/ }));
    expect(within(table).getAllByRole('row')[1]?.textContent).toContain('Model 12');
  });

  it('saves a download mirror and lists downloaded boards to browse', async () => {
    const { port, store } = renderWithStore(<App />, {
      'leaderboards.list': async () => [fakeSummary('my-board', 12)],
    });
    const button = await screen.findByRole('button', { name: 'my-board (12 models)' });
    fireEvent.click(button);
    await waitFor(() => expect(store.getState().leaderboardName).toBe('my-board'));
    fireEvent.change(screen.getByTestId('mirror-input'), { target: { value: ' http://127.0.0.1:8/m ' } });
    fireEvent.click(screen.getByTestId('save-mirror'));
    await waitFor(() => expect(store.getState().mirror).toBe('http://127.0.0.1:8/m'));
    expect(port.calls.find((call) => call.name === 'settings.update')?.request).toEqual({
      mirror: 'http://127.0.0.1:8/m',
    });
  });

  it('cancels a download', async () => {
    const { port } = renderWithStore(<App />);
    await waitFor(() =>
      expect((screen.getByTestId('catalogue-select') as HTMLSelectElement).value).toBe('classic-v0.3.0'),
    );
    fireEvent.click(screen.getByTestId('download'));
    fireEvent.click(await screen.findByTestId('cancel-download'));
    await waitFor(() => expect(port.calls.some((call) => call.name === 'leaderboards.cancelImport')).toBe(true));
    act(() =>
      port.emit('leaderboards.progress', {
        jobId: 'job-1',
        phase: 'cancelled',
        bytes: 10,
        totalBytes: 100,
        rate: 0,
        runsRead: 0,
        warnings: [],
        error: null,
        leaderboard: null,
      }),
    );
    expect(screen.getByTestId('import-progress').textContent).toContain('Download cancelled');
  });

  it('shows the budget table with the trade-off source, plans and compute saved', async () => {
    const { store } = renderWithStore(<App />);
    act(() => store.setState({ leaderboardName: 'classic-v0.3.0', step: 'budget' }));
    const table = await screen.findByTestId('budget-table');
    await waitFor(() =>
      expect(screen.getByTestId('tradeoff-source').textContent).toContain('Computed on this leaderboard'),
    );
    expect(screen.queryByTestId('dry-run-all')).toBeNull();
    act(() => store.getState().editEndpoint({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }));
    fireEvent.click(screen.getByTestId('dry-run-all'));
    await waitFor(() => expect(table.textContent).toContain('1,500'));
    const tenRow = within(table).getByTestId('budget-10').closest('tr')!;
    expect(tenRow.textContent).toContain('±4');
    expect(tenRow.textContent).toContain('±5');
    expect(tenRow.textContent).toContain('×100');
    fireEvent.click(within(table).getByTestId('budget-100'));
    expect(store.getState().budget).toBe(100);
  });

  it('keeps the API key write-only and explains a server without logprobs', async () => {
    const { store, port } = renderWithStore(<App />, {
      'models.testConnection': async () => ({
        ok: true,
        latencyMs: 12,
        chat: false,
        completions: true,
        logprobs: false,
        scenariosNeedingLogprobs: ['hellaswag', 'openbookqa'],
        tokenLogprobs: false,
        scenariosRankedByLogprobs: ['msmarco'],
        error: null,
      }),
    });
    act(() => store.setState({ leaderboardName: 'classic-v0.3.0', step: 'model' }));
    fireEvent.change(await screen.findByTestId('preset-select'), { target: { value: 'vllm' } });
    expect((screen.getByTestId('base-url') as HTMLInputElement).value).toBe('http://127.0.0.1:8000/v1');
    fireEvent.change(screen.getByTestId('model-name'), { target: { value: 'my-model' } });
    fireEvent.change(screen.getByTestId('api-key'), { target: { value: 'sk-hidden' } });
    fireEvent.click(screen.getByTestId('save-key'));
    await waitFor(() => expect(screen.getByTestId('key-status').textContent).toContain('Key stored'));
    expect((screen.getByTestId('api-key') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('sk-hidden');
    fireEvent.click(screen.getByTestId('test-connection'));
    const report = await screen.findByTestId('connection-report');
    expect(report.textContent).toContain('12 ms');
    expect(screen.getByTestId('echo-support').textContent).toContain(
      'unsupported: HellaSwag, OpenbookQA score each answer by them and will be skipped',
    );
    expect(screen.getByTestId('token-logprobs-support').textContent).toContain(
      'unsupported: MS MARCO rank by the answer’s logprob',
    );
    await waitFor(() => expect(screen.getByTestId('dry-run').getAttribute('data-ready')).toBe('true'));
    expect(screen.getByTestId('dry-run').textContent).toContain('30 requests in 3 HELM runs');
    const testCall = port.calls.find((call) => call.name === 'models.testConnection');
    expect(JSON.stringify(testCall?.request)).not.toContain('sk-hidden');
    expect(JSON.stringify(testCall?.request)).toContain('api-key:vllm');
  });

  it('shows a bad base URL as a clear message', async () => {
    const { store } = renderWithStore(<App />, {
      'models.testConnection': failWith('model.unreachable', 'Nothing answers at http://127.0.0.1:9/v1.'),
    });
    act(() => store.setState({ leaderboardName: 'lb', step: 'model' }));
    fireEvent.change(await screen.findByTestId('base-url'), { target: { value: 'http://127.0.0.1:9/v1' } });
    fireEvent.change(screen.getByTestId('model-name'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('test-connection'));
    const banner = await screen.findByTestId('error-banner');
    expect(banner.textContent).toContain('Nothing answers at http://127.0.0.1:9/v1.');
    expect(banner.textContent).toContain('Check the base URL');
  });

  it('shows live run progress with controls, and a killed engine as resumable', async () => {
    const { store, port } = renderWithStore(<App />);
    act(() => store.setState({ runId: 'run-1', step: 'run', progress: fakeProgress('run-1') }));
    act(() =>
      port.emit(
        'runs.progress',
        fakeProgress('run-1', {
          requestsDone: 15,
          scenarios: [
            { scenario: 'mmlu', done: 10, total: 10, skipped: false },
            { scenario: 'boolq', done: 5, total: 10, skipped: false },
            { scenario: 'hellaswag', done: 0, total: 10, skipped: true },
          ],
          etaSeconds: 75,
          promptTokens: 1000,
          completionTokens: 50,
          costUsd: 0.5,
        }),
      ),
    );
    expect(screen.getByTestId('step-run').textContent).toContain('15 / 30 requests');
    expect(screen.getByTestId('step-run').textContent).toContain('1 min 15 s');
    expect(screen.getByTestId('step-run').textContent).toContain('skipped');
    fireEvent.click(screen.getByTestId('pause-run'));
    await screen.findByTestId('resume-run');
    act(() =>
      port.emit(
        'runs.progress',
        fakeProgress('run-1', {
          status: 'failed',
          error: { code: 'engine.crashed', message: 'The engine process stopped unexpectedly.' },
        }),
      ),
    );
    expect(screen.getByTestId('error-banner').textContent).toContain('The engine process stopped unexpectedly.');
    expect(screen.getByTestId('run-failed').getAttribute('data-code')).toBe('engine.crashed');
    fireEvent.click(screen.getByTestId('resume-run'));
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('shows results: rank, interval, ties, rivals', async () => {
    const { store } = renderWithStore(<App />);
    await act(async () => {
      store.setState({ runId: 'run-1' });
      await store.getState().loadResult('run-1');
      store.getState().goTo('results');
    });
    expect(screen.getByTestId('rank-value').textContent).toBe('#3');
    expect(screen.getByTestId('rank-interval').textContent).toBe('#2 – #5');
    expect(screen.getByTestId('tied-with').textContent).toContain('org/model-002');
    const rivals = screen.getByTestId('rivals-table');
    expect(within(rivals).getAllByRole('columnheader')).toHaveLength(4);
  });

  it('lists history and opens a finished run', async () => {
    const entry = {
      runId: 'run-9',
      createdAt: '2026-01-02T03:04:05.000Z',
      leaderboard: 'classic-v0.3.0',
      budget: 10 as const,
      model: 'me/my-model',
      baseUrl: 'http://x',
      status: 'done' as const,
      rank: 3,
      rankInterval: [2, 5] as [number, number],
      runDirectory: '/data/runs/run-9/benchmark_output/runs/helm-rank',
    };
    const { store, port } = renderWithStore(<App />, {
      'history.list': async () => [entry],
      'leaderboards.list': async () => [fakeSummary('classic-v0.3.0', 12)],
    });
    act(() => store.getState().goTo('history'));
    const table = await screen.findByTestId('history-table');
    expect(table.textContent).toContain('#3 (2–5)');
    fireEvent.click(screen.getByTestId('open-run-run-9'));
    await screen.findByTestId('rank-headline');
    expect(port.calls.some((call) => call.name === 'rank.result')).toBe(true);
    expect(screen.getByTestId('run-directory').textContent).toContain('/data/runs/run-9');
  });

  it('saves the chosen theme', async () => {
    const { store, port } = renderWithStore(<App />);
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(store.getState().theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() =>
      expect(port.calls.find((call) => call.name === 'settings.update')?.request).toEqual({ theme: 'dark' }),
    );
  });

  it('is keyboard navigable between steps', async () => {
    const { store } = renderWithStore(<App />);
    const tab = screen.getByTestId('nav-leaderboard');
    fireEvent.keyDown(tab, { key: 'ArrowDown' });
    expect(store.getState().step).toBe('budget');
    expect(screen.getByTestId('nav-budget').getAttribute('aria-selected')).toBe('true');
  });
});

describe('RankChart', () => {
  it('draws 100 leaderboard bars plus the highlighted new model', () => {
    renderWithStore(<RankChart rows={fakeTable('lb', 100).rows} result={fakeRankResult('r', 'lb')} width={800} />);
    const figure = screen.getByTestId('rank-chart');
    expect(figure.getAttribute('data-bars')).toBe('101');
    expect(figure.querySelectorAll('.recharts-bar-rectangle').length).toBe(101);
  });
});

describe('RankChart interval', () => {
  it('draws an error bar for the new model only', () => {
    renderWithStore(<RankChart rows={fakeTable('lb', 20).rows} result={fakeRankResult('r', 'lb')} width={800} />);
    const chart = screen.getByTestId('rank-chart');
    expect(chart.querySelectorAll('.recharts-errorBar').length).toBe(1);
    const highlighted = chart.querySelectorAll('text[data-new="true"]');
    expect(highlighted.length).toBe(1);
    expect(highlighted[0]?.textContent).toBe('me/my-model (yours)');
  });
});
