// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeProgress } from '../api/fake-api';
import { NO_PRICE } from '../cost-words';
import { renderWithStore } from '../test-utils';
import { RunStep } from './RunStep';

afterEach(cleanup);

describe('RunStep', () => {
  it("says how many older warnings were not kept, and no run id before the run's own warnings", () => {
    const { store } = renderWithStore(<RunStep />);
    const warnings = [
      { item: 'r1', code: 'engine.warning', message: 'Token counts are approximate.' },
      { item: 'boolq', code: 'run.skipped', message: 'skipped: no data' },
    ];
    act(() =>
      store.setState({ runId: 'r1', progress: fakeProgress('r1', { status: 'done', warnings, warningsDropped: 70 }) }),
    );
    const items = [...screen.getByTestId('run-warnings').querySelectorAll('li')].map((item) => item.textContent);
    expect(items).toEqual([
      '70 earlier warnings were not kept; these are the newest.',
      'Token counts are approximate.',
      'boolq: skipped: no data',
    ]);
  });

  it('says why a run without a price has no cost, offers the way to the prices, then prices it at them', () => {
    const { store } = renderWithStore(<RunStep />);
    act(() =>
      store.setState({
        runId: 'r1',
        step: 'run',
        progress: fakeProgress('r1', { costUsd: null, promptTokens: 1_000_000, completionTokens: 0 }),
      }),
    );
    // Was: "… · 0 tokens · —".
    expect(screen.getByTestId('run-counts').textContent).toContain(`${NO_PRICE} Enter prices`);
    act(() => screen.getByTestId('enter-prices').click());
    expect(store.getState().step).toBe('model');
    act(() => store.getState().editEndpoint({ pricePerMillionPrompt: 3 }));
    expect(screen.getByTestId('run-counts').textContent).toContain(
      '$3.00 at the Model step’s prices (none was set when the run started)',
    );
    expect(screen.queryByTestId('enter-prices')).toBeNull();
  });
});
