// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { renderWithStore } from '../test-utils';

afterEach(cleanup);

describe('the Model step’s key status', () => {
  it('shows which endpoint the saved key belongs to, and that it is not sent to another one', async () => {
    const { store, port } = renderWithStore(<App />);
    act(() => store.setState({ leaderboardName: 'classic-v0.3.0', step: 'model' }));
    fireEvent.change(await screen.findByTestId('preset-select'), { target: { value: 'vllm' } });
    fireEvent.change(screen.getByTestId('api-key'), { target: { value: 'sk-hidden' } });
    fireEvent.click(screen.getByTestId('save-key'));
    await waitFor(() => expect(screen.getByTestId('key-status').textContent).toContain('for http://127.0.0.1:8000'));
    expect(port.calls.find((call) => call.name === 'secrets.set')?.request).toMatchObject({
      id: 'api-key:vllm',
      baseUrl: 'http://127.0.0.1:8000/v1',
    });
    expect(screen.queryByTestId('key-elsewhere')).toBeNull();
    fireEvent.change(screen.getByTestId('base-url'), { target: { value: 'http://127.0.0.1:9999/v1' } });
    expect(screen.getByTestId('key-elsewhere').textContent).toContain('not sent to http://127.0.0.1:9999');
  });
});
