/**
 * Sizes of the results chart and the CSS variables its colours come from. The chart draws literal colours read from
 * these variables (see chart-colours.ts), so the same drawing exports as a standalone SVG or PNG with its colours.
 */
export const rankChartConfig = {
  rowHeight: 22,
  barHeight: 12,
  /** Left column: "#12" and the model's name. */
  rankWidth: 44,
  labelWidth: 236,
  /** Room right of the bars for the value. */
  valueWidth: 52,
  legendHeight: 30,
  axisHeight: 34,
  /** Figure title and footer (exports only). */
  titleHeight: 30,
  footerHeight: 26,
  fontSize: 12,
  /** Width of exported figures (px, drawn at 2× in PNGs). */
  exportWidth: 960,
} as const;

/** CSS variable of each chart colour (styles.css defines light and dark values). */
export const CHART_COLOUR_VARIABLES = {
  background: '--bg',
  text: '--fg',
  muted: '--muted',
  grid: '--border',
  bar: '--chart-bar',
  tied: '--chart-tied',
  you: '--chart-new',
  band: '--chart-band',
  bandEdge: '--chart-band-edge',
  hover: '--chart-hover',
} as const;

export type ChartColours = { readonly [K in keyof typeof CHART_COLOUR_VARIABLES]: string };

/** Fonts every platform has a match for: the page's own stack, ending in a generic sans-serif (never serif). */
export const CHART_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
