/** Renders a component inside the store provider over a fake API (component tests). */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createFakePort } from './api/fake-api';
import type { FakeOverrides, FakePort } from './api/fake-api';
import { StoreContext } from './store/hooks';
import { createAppStore } from './store/store';
import type { AppStore } from './store/store';

export function renderWithStore(
  element: ReactElement,
  overrides: FakeOverrides = {},
): { port: FakePort; store: AppStore } & ReturnType<typeof render> {
  const port = createFakePort(overrides);
  const store = createAppStore(port);
  const rendered = render(<StoreContext.Provider value={store}>{element}</StoreContext.Provider>);
  return { port, store, ...rendered };
}
