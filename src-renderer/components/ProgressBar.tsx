/** An accessible progress bar; `value` null = indeterminate. */
export function ProgressBar({
  value,
  max,
  label,
  testId,
}: {
  value: number;
  max: number | null;
  label: string;
  testId?: string;
}) {
  const fraction = max && max > 0 ? Math.min(1, value / max) : null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max ?? undefined}
      aria-valuenow={max ? value : undefined}
      data-testid={testId}
    >
      <div
        className={fraction === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={{ width: fraction === null ? '30%' : `${(fraction * 100).toFixed(1)}%` }}
      />
    </div>
  );
}
