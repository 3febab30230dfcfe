/** Renderer entry: one store over the API gateway, the theme from the OS until the user picks one. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createGateway } from './api/gateway';
import { App } from './App';
import { StoreContext } from './store/hooks';
import { createAppStore } from './store/store';
import './styles.css';

const store = createAppStore(createGateway());
if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) store.getState().setTheme('dark');
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
