import { useEffect } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { StepNav } from './components/StepNav';
import { useAppStore, useStep } from './store/hooks';
import { BudgetStep } from './steps/BudgetStep';
import { HistoryStep } from './steps/HistoryStep';
import { LeaderboardStep } from './steps/LeaderboardStep';
import { ModelStep } from './steps/ModelStep';
import { ResultsStep } from './steps/ResultsStep';
import { RunStep } from './steps/RunStep';

/** The window: step navigation on the left, the current step on the right, errors on top. */
export function App() {
  const step = useStep();
  const theme = useAppStore((state) => state.theme);
  const chooseTheme = useAppStore((state) => state.chooseTheme);
  const loadSettings = useAppStore((state) => state.loadSettings);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app" data-testid="app" data-step={step}>
      <header>
        <h1>HELM Rank</h1>
        <button
          type="button"
          onClick={() => chooseTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
      </header>
      <StepNav />
      <main id={`panel-${step}`} role="tabpanel" aria-labelledby={`tab-${step}`}>
        <ConnectionBanner />
        <ErrorBanner />
        {step === 'leaderboard' && <LeaderboardStep />}
        {step === 'budget' && <BudgetStep />}
        {step === 'model' && <ModelStep />}
        {step === 'run' && <RunStep />}
        {step === 'results' && <ResultsStep />}
        {step === 'history' && <HistoryStep />}
      </main>
    </div>
  );
}
