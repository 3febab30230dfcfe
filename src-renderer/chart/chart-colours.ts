/** The chart's colours as literal values, read from the theme's CSS variables (so exports keep them). */
import { CHART_COLOUR_VARIABLES } from './rank-chart-config';
import type { ChartColours } from './rank-chart-config';

/** Light-theme values, used where no stylesheet is loaded (unit tests, benchmarks). */
const FALLBACK: ChartColours = {
  background: '#ffffff',
  text: '#1b1f24',
  muted: '#57606a',
  grid: '#d0d7de',
  bar: '#8c959f',
  tied: '#bf8700',
  you: '#0969da',
  band: 'rgba(9, 105, 218, 0.12)',
  bandEdge: '#0969da',
  hover: 'rgba(27, 31, 36, 0.08)',
};

/**
 * The light theme's colours, whatever the page's theme: exported figures go into papers and slides on white. Read from
 * a hidden element marked light, so the values stay those of styles.css.
 */
export function readFigureColours(): ChartColours {
  if (!globalThis.document?.body) return FALLBACK;
  const probe = document.createElement('div');
  probe.dataset.theme = 'light';
  probe.hidden = true;
  document.body.append(probe);
  try {
    return readChartColours(probe);
  } finally {
    probe.remove();
  }
}

export function readChartColours(element: Element | null = globalThis.document?.documentElement ?? null): ChartColours {
  const style = element ? getComputedStyle(element) : null;
  const colours = {} as Record<keyof ChartColours, string>; // cast: filled for every key below
  for (const [key, variable] of Object.entries(CHART_COLOUR_VARIABLES) as [keyof ChartColours, string][]) {
    colours[key] = style?.getPropertyValue(variable).trim() || FALLBACK[key];
  }
  return colours;
}
