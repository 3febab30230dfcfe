/**
 * The results chart as one plain SVG: a legend, one row per position (rank, name, mean-win-rate bar), your row
 * highlighted, the 95 % rank interval as a band across the positions it spans, and — in exports — a title and the
 * board's name. Colours and the font are literal attributes, so the element serializes to a standalone figure that
 * looks the same in a paper as on screen. Hand-drawn rather than a chart library's: the band lives on the rank axis
 * (rows), and the exported figure must be exactly what is shown.
 */
import type { ReactElement } from 'react';
import { CHART_FONT_FAMILY, rankChartConfig as config } from './rank-chart-config';
import type { ChartColours } from './rank-chart-config';
import type { RankChartModel } from './rank-chart-data';
import { formatRankRange } from '../../src-shared/rank/rank-range';

export interface RankChartSvgProps {
  readonly model: RankChartModel;
  readonly width: number;
  readonly colours: ChartColours;
  /** Title and footer lines of an exported figure; absent on screen (the page has its headline). */
  readonly figure?: { readonly title: string; readonly footer: readonly string[] };
  /** Index of the hovered row (hover band). */
  readonly hovered?: number | null;
  readonly onHover?: (index: number | null) => void;
}

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export function RankChartSvg({ model, width, colours, figure, hovered = null, onHover }: RankChartSvgProps) {
  const { rowHeight, barHeight, rankWidth, labelWidth, valueWidth, fontSize } = config;
  const top = (figure ? config.titleHeight : 0) + config.legendHeight;
  const plotLeft = rankWidth + labelWidth;
  const plotWidth = Math.max(80, width - plotLeft - valueWidth);
  const rowsHeight = model.rows.length * rowHeight;
  const footerLines = figure?.footer ?? [];
  const height =
    top + rowsHeight + config.axisHeight + footerLines.length * config.footerHeight * 0.6 + (figure ? 8 : 0);
  // Characters that fit across the figure at the footer's size.
  const footerChars = Math.floor(width / 6.2);
  const x = (value: number) => plotLeft + value * plotWidth;
  const band = model.band;
  const [low, high] = model.interval;
  const you = model.you;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={CHART_FONT_FAMILY}
      fontSize={fontSize}
      role="img"
      aria-label={`Ranking of ${model.total} models by mean win rate${you ? `; yours is #${you.rank}, 95 % interval ${formatRankRange(low, high)}` : ''}`}
    >
      <rect x={0} y={0} width={width} height={height} fill={colours.background} />
      {figure && (
        <text x={8} y={20} fontSize={15} fontWeight={600} fill={colours.text} data-testid="chart-title">
          {figure.title}
        </text>
      )}
      <Legend y={top - config.legendHeight + 18} colours={colours} youLabel={you?.label ?? 'Your model'} />
      <g transform={`translate(0, ${top})`}>
        {TICKS.map((tick) => (
          <line key={tick} x1={x(tick)} x2={x(tick)} y1={0} y2={rowsHeight} stroke={colours.grid} strokeWidth={1} />
        ))}
        {band && (
          <rect
            data-testid="chart-band"
            data-from={low}
            data-to={high}
            x={0}
            y={band.first * rowHeight}
            width={width}
            height={(band.last - band.first + 1) * rowHeight}
            fill={colours.band}
            stroke={colours.bandEdge}
            strokeDasharray="4 3"
            strokeWidth={1}
          />
        )}
        {band && (
          <text
            x={width - 6}
            y={band.first * rowHeight + 12}
            textAnchor="end"
            fontSize={11}
            fill={colours.bandEdge}
            fontWeight={600}
          >
            {`${model.clippedAbove ? `↑ from #${low}` : `95 % interval ${formatRankRange(low, high)}`}`}
          </text>
        )}
        {band && model.clippedBelow && (
          <text
            x={width - 6}
            y={(band.last + 1) * rowHeight - 4}
            textAnchor="end"
            fontSize={11}
            fill={colours.bandEdge}
          >
            {`↓ to #${high}`}
          </text>
        )}
        {hovered !== null && (
          <rect
            data-testid="chart-hover"
            x={0}
            y={hovered * rowHeight}
            width={width}
            height={rowHeight}
            fill={colours.hover}
          />
        )}
        {model.rows.map((row, index) => {
          const y = index * rowHeight;
          const fill = row.isYou ? colours.you : row.isTied ? colours.tied : colours.bar;
          const weight = row.isYou ? 700 : 400;
          const text = row.isYou ? colours.you : colours.text;
          return (
            <g
              key={row.model}
              data-testid={row.isYou ? 'chart-row-you' : 'chart-row'}
              data-rank={row.rank}
              onMouseEnter={onHover ? () => onHover(index) : undefined}
              onMouseLeave={onHover ? () => onHover(null) : undefined}
            >
              {/* The whole row answers the pointer, however short its bar. */}
              <rect x={0} y={y} width={width} height={rowHeight} fill="transparent" />
              <text x={rankWidth - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fill={text} fontWeight={weight}>
                {`#${row.rank}`}
              </text>
              <text x={plotLeft - 8} y={y + rowHeight / 2 + 4} textAnchor="end" fill={text} fontWeight={weight}>
                {truncate(`${row.isTied ? '≈ ' : ''}${row.label}`, 34)}
              </text>
              <rect
                x={plotLeft}
                y={y + (rowHeight - barHeight) / 2}
                width={Math.max(row.isYou ? 2 : 0, (row.meanWinRate ?? 0) * plotWidth)}
                height={barHeight}
                rx={2}
                fill={fill}
              />
              <text
                x={x(row.meanWinRate ?? 0) + 4}
                y={y + rowHeight / 2 + 4}
                fill={colours.muted}
                fontSize={11}
                fontWeight={weight}
              >
                {row.meanWinRate === null ? '—' : row.meanWinRate.toFixed(3)}
              </text>
            </g>
          );
        })}
        {TICKS.map((tick) => (
          <text key={tick} x={x(tick)} y={rowsHeight + 14} textAnchor="middle" fill={colours.muted} fontSize={11}>
            {tick.toFixed(1)}
          </text>
        ))}
        <text x={plotLeft} y={rowsHeight + 29} fill={colours.muted} fontSize={11}>
          Mean win rate, every row recomputed with your model (bars); rows in rank order
        </text>
      </g>
      {footerLines.map((line, index) => (
        <text
          key={index}
          x={8}
          y={top + rowsHeight + config.axisHeight + (index + 1) * config.footerHeight * 0.6}
          fill={colours.muted}
          fontSize={11}
        >
          {truncate(line, footerChars)}
        </text>
      ))}
    </svg>
  );
}

function Legend({ y, colours, youLabel }: { y: number; colours: ChartColours; youLabel: string }): ReactElement {
  const items: { label: string; swatch: ReactElement }[] = [
    { label: youLabel, swatch: <rect width={14} height={10} y={-9} rx={2} fill={colours.you} /> },
    {
      label: '95 % rank interval (positions yours could hold)',
      swatch: (
        <rect
          width={14}
          height={12}
          y={-10}
          fill={colours.band}
          stroke={colours.bandEdge}
          strokeDasharray="3 2"
          strokeWidth={1}
        />
      ),
    },
    { label: '≈ Tied with yours', swatch: <rect width={14} height={10} y={-9} rx={2} fill={colours.tied} /> },
    { label: 'Leaderboard model', swatch: <rect width={14} height={10} y={-9} rx={2} fill={colours.bar} /> },
  ];
  let x = 8;
  return (
    <g data-testid="chart-legend" transform={`translate(0, ${y})`}>
      {items.map((item) => {
        const at = x;
        x += 26 + item.label.length * 6.2;
        return (
          <g key={item.label} transform={`translate(${at}, 0)`}>
            {item.swatch}
            <text x={20} fill={colours.text} fontSize={11}>
              {item.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
