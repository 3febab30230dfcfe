import { useState } from 'react';
import type { InstanceView } from '../../src-shared/api/instances';
import { INSTANCE_PAGE_SIZE } from '../store/instances-slice';
import { useAppStore } from '../store/hooks';
import { formatNumber } from '../format';

/**
 * What the model was asked and answered, instance by instance, for one scenario of a run: prompt, output, references
 * and the main metric, a "wrong only" filter, a copy button per prompt. Pages come from the app (never the whole
 * file), 50 instances at a time.
 */
export function InstanceViewer() {
  const viewer = useAppStore((state) => state.instanceViewer);
  const previousStep = useAppStore((state) => state.previousStep);
  const { chooseInstanceRun, setWrongOnly, showInstancePage, goTo } = useAppStore((state) => state);
  if (!viewer) {
    return (
      <section data-testid="step-instances" aria-labelledby="instances-title">
        <h2 id="instances-title" tabIndex={-1}>
          Answers, instance by instance
        </h2>
        <p>Open a run from Results or History first.</p>
      </section>
    );
  }
  const page = viewer.page;
  const run = viewer.runs.find((entry) => entry.runName === viewer.runName) ?? null;
  const from = page && page.total > 0 ? page.offset + 1 : 0;
  const to = page ? page.offset + page.items.length : 0;
  const back = previousStep === 'instances' ? 'results' : previousStep;
  // The bottom pager shows the new page from its first instance, not from the end.
  const turnFromBottom = async (offset: number) => {
    await showInstancePage(offset);
    document.querySelector('[data-testid="instance-total"]')?.scrollIntoView({ block: 'start' });
  };
  return (
    <section data-testid="step-instances" aria-labelledby="instances-title">
      <h2 id="instances-title" tabIndex={-1}>
        Answers, instance by instance
      </h2>
      <p className="muted small">
        Run {viewer.runId}, read from its own <code>scenario_state.json</code> and <code>per_instance_stats.json</code>{' '}
        (train trial 0, unperturbed, as the rank uses them).
      </p>
      <div className="row">
        <label className="select-label">
          Scenario{' '}
          <select
            value={viewer.runName ?? ''}
            onChange={(event) => void chooseInstanceRun(event.target.value)}
            data-testid="instance-run"
          >
            {viewer.runs.map((entry) => (
              <option key={entry.runName} value={entry.runName}>
                {entry.label === entry.runName ? entry.runName : `${entry.label} — ${entry.runName}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={viewer.wrongOnly}
            onChange={(event) => void setWrongOnly(event.target.checked)}
            data-testid="instance-wrong-only"
          />{' '}
          Wrong only (score below full marks)
        </label>
        <button type="button" onClick={() => goTo(back)}>
          Back
        </button>
      </div>
      {viewer.runs.length === 0 && <p>This run has no finished HELM run to read yet.</p>}
      <div data-testid="instance-viewer" aria-busy={viewer.isLoading}>
        {page && (
          <>
            <p data-testid="instance-total">
              {formatNumber(page.total)} instance{page.total === 1 ? '' : 's'}
              {viewer.wrongOnly ? ` below full marks, of ${formatNumber(page.totalAll)}` : ''} · score:{' '}
              <code>{page.metric || run?.metric || '—'}</code>
              {run?.split ? ` on ${run.split}` : ''}
            </p>
            <Pager
              from={from}
              to={to}
              total={page.total}
              onPrevious={page.offset > 0 ? () => void showInstancePage(page.offset - INSTANCE_PAGE_SIZE) : null}
              onNext={to < page.total ? () => void showInstancePage(page.offset + INSTANCE_PAGE_SIZE) : null}
            />
            {page.total === 0 && (
              <p className="muted" data-testid="instance-empty">
                {viewer.wrongOnly ? 'Every instance has full marks.' : 'This scenario has no evaluated instance.'}
              </p>
            )}
            <ol className="instances" start={from}>
              {page.items.map((item) => (
                <InstanceCard key={item.id} item={item} />
              ))}
            </ol>
            {page.items.length > 10 && (
              <Pager
                from={from}
                to={to}
                total={page.total}
                onPrevious={page.offset > 0 ? () => void turnFromBottom(page.offset - INSTANCE_PAGE_SIZE) : null}
                onNext={to < page.total ? () => void turnFromBottom(page.offset + INSTANCE_PAGE_SIZE) : null}
                bottom
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}

function Pager({
  from,
  to,
  total,
  onPrevious,
  onNext,
  bottom = false,
}: {
  from: number;
  to: number;
  total: number;
  onPrevious: (() => void) | null;
  onNext: (() => void) | null;
  bottom?: boolean;
}) {
  return (
    <div className="row pager">
      <button
        type="button"
        disabled={!onPrevious}
        onClick={onPrevious ?? undefined}
        data-testid={bottom ? undefined : 'instance-previous'}
      >
        ◀ Previous
      </button>
      <span data-testid={bottom ? undefined : 'instance-range'}>
        {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)}
      </span>
      <button
        type="button"
        disabled={!onNext}
        onClick={onNext ?? undefined}
        data-testid={bottom ? 'instance-next-bottom' : 'instance-next'}
      >
        Next ▶
      </button>
    </div>
  );
}

function InstanceCard({ item }: { item: InstanceView }) {
  const [copied, setCopied] = useState(false);
  const wrong = item.score !== null && item.score < 1 - 1e-9;
  const copy = async () => {
    await copyText(item.prompt);
    setCopied(true);
  };
  return (
    <li className={wrong ? 'instance wrong' : 'instance'} data-testid="instance-row">
      <div className="row instance-head">
        <strong>{item.id}</strong>
        <span className="muted small">
          {item.split ?? ''}
          {item.subSplit ? ` · ${item.subSplit}` : ''}
          {item.requests > 1 ? ` · ${item.requests} requests` : ''}
        </span>
        <span className={wrong ? 'score bad' : 'score ok'} data-testid="instance-score">
          score {formatScore(item.score)} {item.score === null ? '' : wrong ? '✗' : '✓'}
        </span>
        <button type="button" className="small-button" onClick={() => void copy()} data-testid="copy-prompt">
          {copied ? 'Copied' : 'Copy prompt'}
        </button>
      </div>
      <div className="instance-body">
        <div>
          <h4>
            Prompt <span className="muted">({formatNumber(item.prompt.length)} characters; its last lines)</span>
          </h4>
          <pre className="prompt">{lastLines(item.prompt, 3)}</pre>
          <details>
            <summary className="small">Whole prompt</summary>
            <pre className="prompt">{item.prompt}</pre>
          </details>
        </div>
        <div>
          <h4>Output</h4>
          <pre className="answer">{item.outputs.join('\n')}</pre>
          <h4>References</h4>
          <ul className="references">
            {item.references.map((reference, index) => (
              <li key={index}>
                {reference.isCorrect ? <strong>✓ {reference.text}</strong> : reference.text}
                {reference.isCorrect && <span className="sr-only"> (correct)</span>}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </li>
  );
}

function formatScore(score: number | null): string {
  if (score === null) return '—';
  return Number.isInteger(score) ? String(score) : score.toFixed(3);
}

function lastLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(-count).join('\n');
}

/** The clipboard API where the page may use it, else a selected text area (older Electron, plain http). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}
