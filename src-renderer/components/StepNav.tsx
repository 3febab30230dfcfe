import type { KeyboardEvent } from 'react';
import { STEPS } from '../store/types';
import type { NavStep } from '../store/types';
import { useAppStore, useStep } from '../store/hooks';

const LABELS: Record<NavStep, string> = {
  leaderboard: '1 Leaderboard',
  budget: '2 Budget',
  model: '3 Model',
  run: '4 Run',
  results: '5 Results',
  history: 'History',
};

/** The guided path as a tab list: arrow keys move between steps (WAI-ARIA tabs pattern). */
export function StepNav() {
  // The per-instance viewer belongs to Results (it is opened from there or from History).
  const current = useStep();
  const step: NavStep = current === 'instances' ? 'results' : current;
  const goTo = useAppStore((state) => state.goTo);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = STEPS.indexOf(step);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? index + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? index - 1
          : null;
    if (next === null) return;
    event.preventDefault();
    const target = STEPS[(next + STEPS.length) % STEPS.length];
    if (target) {
      goTo(target);
      document.getElementById(`tab-${target}`)?.focus();
    }
  };
  return (
    <nav aria-label="Steps">
      <div role="tablist" aria-orientation="vertical" onKeyDown={onKeyDown}>
        {STEPS.map((name) => (
          <button
            key={name}
            id={`tab-${name}`}
            type="button"
            role="tab"
            aria-selected={name === step}
            tabIndex={name === step ? 0 : -1}
            onClick={() => goTo(name)}
            data-testid={`nav-${name}`}
          >
            {LABELS[name]}
          </button>
        ))}
      </div>
    </nav>
  );
}
