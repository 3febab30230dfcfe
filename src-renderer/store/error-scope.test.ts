import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { createFakePort } from '../api/fake-api';
import { createAppStore } from './store';

describe('errors clear when what they describe succeeds', () => {
  it('clears a failed channel’s banner when the same channel succeeds, and only then', async () => {
    let fail = true;
    const port = createFakePort({
      'rank.tradeoff': async () => {
        if (fail) throw new AppError({ code: 'leaderboard.not-found', message: 'No leaderboard x.' });
        return createFakePort().api['rank.tradeoff']({ leaderboard: 'x' });
      },
    });
    const store = createAppStore(port);
    store.setState({ leaderboardName: 'x' });
    await store.getState().loadTradeoff();
    expect(store.getState().error?.code).toBe('leaderboard.not-found');
    // Another channel's success leaves it.
    await store.getState().loadLeaderboards();
    expect(store.getState().error?.code).toBe('leaderboard.not-found');
    fail = false;
    await store.getState().loadTradeoff();
    expect(store.getState().error).toBeNull();
  });

  it('clears an unreachable server’s error when the event stream is back, and refreshes the run', async () => {
    const port = createFakePort();
    const store = createAppStore(port);
    store.setState({ runId: 'run-1' });
    store.getState().receiveBridgeState('lost');
    store.getState().showError(new AppError({ code: 'bridge.unreachable', message: 'The server is not answering.' }));
    expect(store.getState().errorScope).toBe('bridge');
    store.getState().receiveBridgeState('open');
    expect(store.getState().error).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(port.calls.some((call) => call.name === 'runs.status')).toBe(true);
  });
});
