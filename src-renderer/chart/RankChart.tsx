import { memo, useMemo } from 'react';
import { Bar, BarChart, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeaderboardRow } from '../../src-shared/api/leaderboards';
import type { RankResult } from '../../src-shared/api/rank';
import { rankChartConfig as config } from './rank-chart-config';
import { toRankChartData } from './rank-chart-data';

export interface RankChartProps {
  readonly rows: readonly LeaderboardRow[];
  readonly result: RankResult | null;
  /** Fixed width for measurement (benchmarks); otherwise fills its container. */
  readonly width?: number;
}

/** Ranked bar chart of mean win rates with the new model highlighted and its interval drawn. */
export const RankChart = memo(function RankChart({ rows, result, width }: RankChartProps) {
  const data = useMemo(
    () => toRankChartData(rows, result).map((row) => ({ ...row, error: row.interval ? [...row.interval] : null })),
    [rows, result],
  );
  const newLabel = data.find((row) => row.isNew)?.label ?? null;
  const height = Math.max(200, data.length * config.rowHeight + 40);
  const chart = (
    <BarChart
      data={data}
      layout="vertical"
      width={width}
      height={height}
      margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
    >
      <XAxis type="number" domain={[0, 1]} tickCount={6} stroke="var(--muted)" />
      <YAxis
        type="category"
        dataKey="label"
        width={220}
        interval={0}
        tick={(props: TickProps) => <ModelTick {...props} newLabel={newLabel} />}
      />
      <Tooltip formatter={(value) => (typeof value === 'number' ? value.toFixed(3) : String(value))} />
      <Bar
        dataKey="meanWinRate"
        name="Mean win rate"
        barSize={config.barSize}
        isAnimationActive={config.isAnimationActive}
      >
        {data.map((row) => (
          <Cell
            key={row.model}
            fill={row.isNew ? config.newColor : row.isTied ? config.tiedColor : config.leaderboardColor}
            data-new={row.isNew ? 'true' : undefined}
          />
        ))}
        <ErrorBar dataKey="error" width={6} strokeWidth={2} stroke={config.intervalColor} direction="x" />
      </Bar>
    </BarChart>
  );
  return (
    <figure
      className="rank-chart"
      data-testid="rank-chart"
      data-bars={data.length}
      aria-label={`Mean win rate of ${data.length} models, ranked`}
    >
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
    </figure>
  );
});

interface TickProps {
  readonly x?: number | string;
  readonly y?: number | string;
  readonly payload?: { readonly value?: unknown };
}

/** A model name on the axis; the new model's in the highlight colour and bold, so it stands out even at rank last. */
function ModelTick({ x, y, payload, newLabel }: TickProps & { readonly newLabel: string | null }) {
  const label = String(payload?.value ?? '');
  const isNew = label === newLabel;
  return (
    <text
      x={Number(x)}
      y={Number(y)}
      dy={3}
      textAnchor="end"
      fontSize={10}
      fontWeight={isNew ? 700 : 400}
      fill={isNew ? config.newColor : 'var(--fg)'}
      data-new={isNew ? 'true' : undefined}
    >
      {label}
    </text>
  );
}
