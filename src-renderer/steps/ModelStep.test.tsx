// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithStore } from '../test-utils';
import { ModelStep } from './ModelStep';

afterEach(cleanup);

describe('ModelStep dry run', () => {
  it('states the time as a lower bound from one short test request, not as the run time', async () => {
    // Was "time 2 s" for 841 requests to a tiny model that took 138 s: one short request's latency ÷ 8.
    const { store } = renderWithStore(<ModelStep />);
    store.setState({
      leaderboardName: 'classic-v0.3.0',
      examplesPerScenario: 10,
      endpoint: { ...store.getState().endpoint, baseUrl: 'http://127.0.0.1:9/v1', model: 'tiny' },
    });
    await store.getState().testConnection();
    await waitFor(() => expect(screen.getByTestId('dry-run').getAttribute('data-ready')).toBe('true'));
    const time = screen.getByTestId('dry-run-time').textContent ?? '';
    expect(time).toMatch(/^at least \d+ s \(a lower bound from one short test request/);
    expect(time).toContain('a server that answers one request at a time');
  });
});
