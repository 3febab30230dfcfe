/** Colours and sizes of the results chart, as CSS variables so light and dark themes both work. */
export const rankChartConfig = {
  leaderboardColor: 'var(--chart-bar)',
  tiedColor: 'var(--chart-tied)',
  newColor: 'var(--chart-new)',
  intervalColor: 'var(--chart-interval)',
  barSize: 8,
  rowHeight: 16,
  /** Animation is off: with 100+ bars it only delays the first paint (recharts guide). */
  isAnimationActive: false,
} as const;
