// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { failWith, fakeProgress, fakeSummary } from './api/fake-api';
import { RankChart } from './chart/RankChart';
import { readChartColours } from './chart/chart-colours';
import { fakeRankedTable, fakeRankResult, fakeTable } from './api/fake-api';
import { DEFAULT_SETTINGS } from '../src-shared/api/settings';
import type { Settings } from '../src-shared/api/settings';
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

  it('selects the board last used at startup, names the mirror in effect and saves a new one', async () => {
    const { port, store } = renderWithStore(<App />, {
      'leaderboards.list': async () => [fakeSummary('other', 12), fakeSummary('my-board', 12)],
      'settings.get': async () => ({ ...DEFAULT_SETTINGS, lastLeaderboard: 'my-board' }),
    });
    await waitFor(() => expect(store.getState().leaderboardName).toBe('my-board'));
    expect((await screen.findByRole('button', { name: 'my-board (12 models)' })).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByTestId('mirror-summary').textContent).toContain("none (the sources' own hosts)");
    fireEvent.change(screen.getByTestId('mirror-input'), { target: { value: ' http://127.0.0.1:8/m ' } });
    fireEvent.click(screen.getByTestId('save-mirror'));
    await waitFor(() =>
      expect(screen.getByTestId('mirror-summary').textContent).toBe(
        'Download mirror: http://127.0.0.1:8/m (from saved here)',
      ),
    );
    expect(
      port.calls.find((call) => call.name === 'settings.update' && 'mirror' in (call.request as object))?.request,
    ).toEqual({
      mirror: 'http://127.0.0.1:8/m',
    });
  });

  it('imports from a typed path and from an uploaded file in chunks', async () => {
    const { port } = renderWithStore(<App />);
    fireEvent.change(await screen.findByTestId('import-path'), { target: { value: ' /data/run_stats.zip ' } });
    fireEvent.click(screen.getByTestId('import-path-button'));
    await waitFor(() =>
      expect(port.calls.filter((call) => call.name === 'leaderboards.import').map((call) => call.request)).toEqual([
        { source: '/data/run_stats.zip' },
      ]),
    );
    const bytes = new Uint8Array(700 * 1024).map((_, i) => i % 251);
    const file = new File([bytes], 'board.zip', { type: 'application/zip' });
    fireEvent.change(screen.getByTestId('import-upload'), { target: { files: [file] } });
    await waitFor(() => expect(port.calls.filter((call) => call.name === 'leaderboards.import').length).toBe(2));
    const chunks = port.calls
      .filter((call) => call.name === 'leaderboards.upload')
      .map((call) => call.request as { offset: number; done: boolean; data: string });
    expect(chunks.map((chunk) => [chunk.offset, chunk.done])).toEqual([
      [0, false],
      [512 * 1024, true],
    ]);
    expect(chunks.reduce((sum, chunk) => sum + atob(chunk.data).length, 0)).toBe(700 * 1024);
    expect(port.calls.filter((call) => call.name === 'leaderboards.import')[1]?.request).toEqual({
      source: '/uploads/board.zip',
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

  it('shows the budget table: expected interval, coverage, and costs of the chosen scenarios', async () => {
    const { store } = renderWithStore(<App />);
    act(() => store.setState({ leaderboardName: 'classic-v0.3.0', step: 'budget', table: fakeTable('x', 12) }));
    const table = await screen.findByTestId('budget-table');
    await waitFor(() =>
      expect(screen.getByTestId('tradeoff-source').textContent).toContain('Computed on this leaderboard'),
    );
    const tenRow = screen.getByTestId('budget-row-10');
    expect(screen.getByTestId('interval-10').textContent).toBe('±4 ranks (1 in 20: ±12 ranks)');
    expect(screen.getByTestId('coverage-10').textContent).toBe('95 %');
    expect(tenRow.textContent).toContain('±5');
    expect(tenRow.textContent).toContain('×128');
    // Every box is ticked under "all"; unticking one narrows the cost columns to the rest.
    const boxes = within(screen.getByTestId('scenario-filter')).getAllByRole('checkbox');
    expect(boxes.every((box) => (box as HTMLInputElement).checked)).toBe(true);
    fireEvent.click(screen.getByTestId('scenario-mmlu'));
    expect(store.getState().scenarioChoice).toEqual(['boolq', 'imdb']);
    await waitFor(() => expect(screen.getByTestId('requests-10').textContent).toBe(String(Math.round(161 * (2 / 3)))));
    // The interval is the chosen scenarios' own (the channel's figure for them, wider with fewer), as is the caption.
    expect(screen.getByTestId('interval-10').textContent).toBe('±5 ranks (1 in 20: ±14.5 ranks)');
    expect(screen.getByTestId('interval-10').getAttribute('data-scenarios')).toBe('2');
    expect(screen.getByTestId('tradeoff-source').textContent).toContain('Expected interval for 2 of 3 scenarios');
    expect(screen.queryByTestId('interval-scope')).toBeNull();
    expect(screen.queryByTestId('dry-run-all')).toBeNull();
    act(() => store.getState().editEndpoint({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' }));
    fireEvent.click(screen.getByTestId('dry-run-all'));
    await waitFor(() => expect(screen.getByTestId('requests-10').textContent).toBe('30'));
    fireEvent.click(within(table).getByTestId('budget-100'));
    expect(store.getState().examplesPerScenario).toBe(100);
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
    expect(screen.queryByTestId('start-reason')).toBeNull();
    expect(screen.getByTestId('token-logprobs-support').textContent).toContain(
      'unsupported: MS MARCO rank by the answer’s logprob',
    );
    await waitFor(() => expect(screen.getByTestId('dry-run').getAttribute('data-ready')).toBe('true'));
    expect(screen.getByTestId('dry-run').textContent).toContain('30 requests in 3 HELM runs');
    const testCall = port.calls.find((call) => call.name === 'models.testConnection');
    expect(JSON.stringify(testCall?.request)).not.toContain('sk-hidden');
    expect(JSON.stringify(testCall?.request)).toContain('api-key:vllm');
  });

  it('says at once that a user name or password in the Base URL is never saved or sent', async () => {
    const { store } = renderWithStore(<App />);
    act(() => store.setState({ leaderboardName: 'lb', step: 'model' }));
    const field = await screen.findByTestId('base-url');
    fireEvent.change(field, { target: { value: 'https://llm.example.org/v1' } });
    expect(screen.queryByTestId('base-url-credentials')).toBeNull();
    fireEvent.change(field, { target: { value: 'https://alice:hunter2@llm.example.org/v1' } });
    expect(screen.getByTestId('base-url-credentials').textContent).toContain('never saved or sent');
    expect(field.getAttribute('aria-describedby')).toBe('base-url-credentials');
  });

  it('shows the name a model is filed under in HELM, as its run names will carry it', async () => {
    const { store } = renderWithStore(<App />);
    act(() => store.setState({ leaderboardName: 'lb', step: 'model' }));
    const field = await screen.findByTestId('model-name');
    fireEvent.change(field, { target: { value: 'stories260K' } });
    expect(screen.getByTestId('helm-model-name').textContent).toBe(
      'Filed in HELM as user/stories260K (HELM names models organisation/name); the server still gets “stories260K”.',
    );
    fireEvent.change(field, { target: { value: 'meta/llama-3' } });
    expect(screen.getByTestId('helm-model-name').textContent).toBe('Filed in HELM as meta/llama-3.');
  });

  it('keeps a key that could not be stored in its field, and clears it with the status once stored', async () => {
    const { store } = renderWithStore(<App />, {
      'secrets.set': failWith('secrets.no-endpoint', 'Enter the base URL before saving its key.'),
    });
    act(() => store.setState({ leaderboardName: 'lb', step: 'model' }));
    fireEvent.change(await screen.findByTestId('api-key'), { target: { value: 'sk-typed' } });
    fireEvent.click(screen.getByTestId('save-key'));
    await screen.findByTestId('error-banner');
    // Before: the field was cleared even though nothing was stored.
    expect((screen.getByTestId('api-key') as HTMLInputElement).value).toBe('sk-typed');
    expect(screen.getByTestId('key-status').textContent).toBe('No key stored');
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
    // Said once, on the Run step's own card (with what to do), not again in a banner above it.
    expect(screen.getByTestId('run-failed').textContent).toContain('The engine process stopped unexpectedly.');
    expect(screen.getByTestId('run-failed').getAttribute('data-code')).toBe('engine.crashed');
    expect(screen.queryByTestId('error-banner')).toBeNull();
    fireEvent.click(screen.getByTestId('resume-run'));
    expect(store.getState().error).toBeNull();
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
    expect(screen.getByTestId('tied-summary').textContent).toBe('Tied with 2 models, #2–#4');
    const rivals = screen.getByTestId('rivals-table');
    // Scenario, yours, and the models just above and below yours.
    expect(within(rivals).getAllByRole('columnheader')).toHaveLength(4);
    expect(within(rivals).getAllByRole('columnheader')[2]?.textContent).toBe('#2 Model 2');
  });

  it('lists history and opens a finished run', async () => {
    const entry = {
      runId: 'run-9',
      createdAt: '2026-01-02T03:04:05.000Z',
      leaderboard: 'classic-v0.3.0',
      examplesPerScenario: 10 as const,
      scenarios: ['boolq', 'imdb'],
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
    expect(table.textContent).toContain('#3 (#2–#5)');
    expect(table.textContent).toContain('2 of 3: BoolQ, IMDB');
    fireEvent.click(screen.getByTestId('open-run-run-9'));
    await screen.findByTestId('rank-headline');
    expect(port.calls.some((call) => call.name === 'rank.result')).toBe(true);
    expect(screen.getByTestId('run-directory').textContent).toContain('/data/runs/run-9');
  });

  it('shows the last run again in Run and Results after a reload, and keeps the board last chosen', async () => {
    // Was: after a reload Run said "No run yet" and Results "No results yet"; only History still had the run.
    let settings: Settings = { ...DEFAULT_SETTINGS };
    const overrides = {
      'settings.get': async () => settings,
      'settings.update': async (patch: Partial<Settings>) => (settings = { ...settings, ...patch }),
      'leaderboards.list': async () => [fakeSummary('classic-v0.3.0', 12), fakeSummary('my-board', 12)],
      'runs.start': async () => ({ runId: 'run-7' }),
      'runs.status': async (request: { runId: string }) =>
        fakeProgress(request.runId, { status: 'done', requestsDone: 30 }),
    };
    const first = renderWithStore(<App />, overrides);
    await waitFor(() => expect(first.store.getState().leaderboardName).toBe('classic-v0.3.0'));
    await act(() => first.store.getState().startRun());
    await waitFor(() => expect(first.store.getState().result?.rank).toBe(3));
    // The user then looks at another board: a reload selects that one again, and still shows the run.
    await act(() => first.store.getState().openLeaderboard('my-board'));
    first.unmount();
    first.store.dispose();

    const second = renderWithStore(<App />, overrides);
    await waitFor(() => expect(second.store.getState().result?.rank).toBe(3));
    expect(second.store.getState().leaderboardName).toBe('my-board');
    fireEvent.click(screen.getByTestId('nav-run'));
    expect(screen.getByTestId('step-run').getAttribute('data-status')).toBe('done');
    expect(screen.getByTestId('run-counts').textContent).toContain('30');
    fireEvent.click(screen.getByTestId('nav-results'));
    expect(screen.getByTestId('rank-value').textContent).toBe('#3');
    expect(screen.queryByTestId('error-banner')).toBeNull();
  });

  it('forgets a remembered run that no longer exists, without an error', async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS, lastRun: 'run-gone' };
    const { store } = renderWithStore(<App />, {
      'settings.get': async () => settings,
      'settings.update': async (patch) => (settings = { ...settings, ...patch }),
      'leaderboards.list': async () => [fakeSummary('classic-v0.3.0', 12)],
      'runs.status': failWith('runs.not-found', "No run 'run-gone' in /data/runs."),
    });
    await waitFor(() => expect(settings.lastRun).toBeNull());
    expect(store.getState().runId).toBeNull();
    fireEvent.click(screen.getByTestId('nav-run'));
    expect(screen.getByTestId('step-run').textContent).toContain('No run yet');
    expect(screen.queryByTestId('error-banner')).toBeNull();
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
  const result = { ...fakeRankResult('r', 'lb'), rank: 50, rankInterval: [40, 70] as [number, number] };
  const table = fakeRankedTable(result, fakeTable('lb', 100));

  it('draws the rows around yours with the band of your interval, and the whole board on request', () => {
    const { rerender } = renderWithStore(
      <RankChart table={table} result={result} view="around" colours={readChartColours(null)} width={800} />,
    );
    const figure = screen.getByTestId('rank-chart');
    expect(figure.getAttribute('data-bars')).toBe('13');
    expect(screen.getByTestId('chart-row-you').getAttribute('data-rank')).toBe('50');
    const band = screen.getByTestId('chart-band');
    expect([band.getAttribute('data-from'), band.getAttribute('data-to')]).toEqual(['40', '70']);
    rerender(<RankChart table={table} result={result} view="all" colours={readChartColours(null)} width={800} />);
    expect(screen.getByTestId('rank-chart').getAttribute('data-bars')).toBe('101');
  });

  it('answers hovering a row with a tooltip in ranks', () => {
    renderWithStore(
      <RankChart table={table} result={result} view="around" colours={readChartColours(null)} width={800} />,
    );
    fireEvent.mouseEnter(screen.getByTestId('chart-row-you'));
    expect(screen.getByTestId('chart-tooltip').textContent).toContain('#50 of 101, 95 % interval #40–#70');
    expect(screen.getByTestId('chart-hover')).toBeTruthy();
  });
});
