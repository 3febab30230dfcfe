import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RankedTable, RankResult } from '../../src-shared/api/rank';
import type { ChartView } from '../store/results-slice';
import type { ChartColours } from './rank-chart-config';
import { rankChartConfig } from './rank-chart-config';
import { toRankChartModel } from './rank-chart-data';
import type { RankChartRow } from './rank-chart-data';
import { RankChartSvg } from './RankChartSvg';
import { formatRankRange } from '../../src-shared/rank/rank-range';

export interface RankChartProps {
  readonly table: RankedTable;
  readonly result: Pick<RankResult, 'rankInterval'>;
  readonly view: ChartView;
  readonly colours: ChartColours;
  /** Fixed width for measurement (benchmarks); otherwise fills its container. */
  readonly width?: number;
}

/**
 * The ranked chart with its hover band and a tooltip that speaks ranks. In the whole-board view, your row is
 * scrolled into view when the view opens.
 */
export const RankChart = memo(function RankChart({ table, result, view, colours, width }: RankChartProps) {
  const model = useMemo(() => toRankChartModel(table, result, view), [table, result, view]);
  const container = useRef<HTMLDivElement>(null);
  const [measured, setMeasured] = useState(width ?? 900);
  const [hovered, setHovered] = useState<number | null>(null);

  useLayoutEffect(() => {
    if (width !== undefined || !container.current) return;
    const element = container.current;
    const update = () => setMeasured(Math.max(480, Math.floor(element.getBoundingClientRect().width)));
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [width]);

  useEffect(() => {
    if (view !== 'all') return;
    const row = container.current?.querySelector('[data-testid="chart-row-you"]');
    if (row && 'scrollIntoView' in row) row.scrollIntoView({ block: 'center' });
  }, [view]);

  const row = hovered === null ? null : (model.rows[hovered] ?? null);
  // The tooltip sits on the side of the hovered row away from yours, so it never hides your row.
  const youIndex = model.rows.findIndex((entry) => entry.isYou);
  const tooltipAbove = hovered !== null && hovered < youIndex;
  return (
    <figure
      className="rank-chart"
      data-testid="rank-chart"
      data-bars={model.rows.length}
      data-view={view}
      aria-label={`Ranking of ${model.total} models`}
    >
      <div className="rank-chart-canvas" ref={container}>
        <RankChartSvg
          model={model}
          width={width ?? measured}
          colours={colours}
          hovered={hovered}
          onHover={setHovered}
        />
        {row && hovered !== null && (
          <div
            className="chart-tooltip"
            data-testid="chart-tooltip"
            role="tooltip"
            data-side={tooltipAbove ? 'above' : 'below'}
            style={
              tooltipAbove
                ? {
                    top: rankChartConfig.legendHeight + hovered * rankChartConfig.rowHeight - 4,
                    transform: 'translateY(-100%)',
                  }
                : { top: rankChartConfig.legendHeight + (hovered + 1) * rankChartConfig.rowHeight + 4 }
            }
          >
            <TooltipText row={row} interval={model.interval} total={model.total} />
          </div>
        )}
      </div>
    </figure>
  );
});

function TooltipText({
  row,
  interval,
  total,
}: {
  row: RankChartRow;
  interval: readonly [number, number];
  total: number;
}) {
  const rate = row.meanWinRate === null ? '—' : row.meanWinRate.toFixed(3);
  if (row.isYou)
    return (
      <>
        <strong>{row.label}</strong>: #{row.rank} of {total}, 95 % interval #{interval[0]}–#{interval[1]} · mean win
        rate {rate}
      </>
    );
  return (
    <>
      <strong>{row.label}</strong>: #{row.rank} · mean win rate {rate}
      {row.isTied ? ' · tied with yours (order unresolved)' : ''}
      {row.isInInterval ? ` · a position inside your 95 % interval (${formatRankRange(interval[0], interval[1])})` : ''}
    </>
  );
}
