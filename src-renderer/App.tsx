import { useEffect, useLayoutEffect, useRef } from 'react';
import { ErrorBanner } from './components/ErrorBanner';
import { StepNav } from './components/StepNav';
import { useAppStore, useStep } from './store/hooks';
import { BudgetStep } from './steps/BudgetStep';
import { HistoryStep } from './steps/HistoryStep';
import { InstanceViewer } from './steps/InstanceViewer';
import { LeaderboardStep } from './steps/LeaderboardStep';
import { ModelStep } from './steps/ModelStep';
import { ResultsStep } from './steps/ResultsStep';
import { RunStep } from './steps/RunStep';

/** The window: step navigation on the left, the current step on the right, errors on top. */
export function App() {
  const step = useStep();
  const theme = useAppStore((state) => state.theme);
  const chooseTheme = useAppStore((state) => state.chooseTheme);
  const initialize = useAppStore((state) => state.initialize);
  const panel = useRef<HTMLElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    void initialize();
  }, [initialize]);
  // A layout effect: the chart reads the theme's colours in its own (later) effect.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // After a step change the new step's heading takes the focus (not <body>), unless the user is in the step list.
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    if (document.activeElement?.getAttribute('role') === 'tab') return;
    panel.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [step]);
  const tab = step === 'instances' ? 'results' : step;
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
      <main id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} ref={panel}>
        <ErrorBanner />
        {step === 'leaderboard' && <LeaderboardStep />}
        {step === 'budget' && <BudgetStep />}
        {step === 'model' && <ModelStep />}
        {step === 'run' && <RunStep />}
        {step === 'results' && <ResultsStep />}
        {step === 'history' && <HistoryStep />}
        {step === 'instances' && <InstanceViewer />}
      </main>
    </div>
  );
}
