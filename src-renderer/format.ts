/** Display formatting, pure. */

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown size';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/**
 * The size shown next to a catalogue entry: the catalogue's approximate figure when it has one, else the
 * total the server announced (Content-Length) once a download has started, else a note saying when it will
 * be known.
 */
export function formatCatalogueSize(approxBytes: number | null, liveTotalBytes: number | null): string {
  if (approxBytes !== null) return `about ${formatBytes(approxBytes)}`;
  if (liveTotalBytes !== null) return formatBytes(liveTotalBytes);
  return 'size unknown until the download starts';
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/**
 * Where a dry run's time comes from, in words: it is a lower bound. The app knows only the latency of one short
 * test request; a run's answers are longer and a server may answer one request at a time (the demo's tiny model
 * took 138 s for 841 requests its dry run put at 2 s), so the true time can be many times longer.
 */
export const RUN_TIME_BASIS =
  'a lower bound from one short test request at 8 requests at once: longer answers, and a server that answers one request at a time, take longer — often many times';

/** A dry run's time as the lower bound it is: "at least 2 s"; "—" before a connection test. */
export function formatRunTimeAtLeast(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  return `at least ${formatDuration(seconds)}`;
}

/** Dollars; where no price is set, src-renderer/cost-words.ts says so in words. */
export function formatCost(usd: number): string {
  return usd < 0.01 && usd > 0 ? '< $0.01' : `$${usd.toFixed(2)}`;
}

export function formatNumber(value: number | null): string {
  return value === null ? '—' : Math.round(value).toLocaleString('en-US');
}

/** "10 examples per scenario", "1,000 examples per scenario", "all examples" (a run's N in words). */
export function examplesPhrase(n: number | 'all'): string {
  return n === 'all' ? 'all examples' : `${formatNumber(n)} examples per scenario`;
}

export function formatRate(value: number | null, digits = 3): string {
  return value === null ? '—' : value.toFixed(digits);
}
