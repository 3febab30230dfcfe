/**
 * The chart as a figure to paste into a paper or a chat: the same drawing as on screen (RankChartSvg), with a title
 * that states the result, the legend, the board's name, literal colours and a sans-serif font stack, as SVG text or a
 * 2× PNG. Rendered off-screen into a detached element and serialized, so no page styles are needed to view it.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { RankResult } from '../../src-shared/api/rank';
import type { RankChartModel } from './rank-chart-data';
import type { ChartColours } from './rank-chart-config';
import { rankChartConfig } from './rank-chart-config';
import { RankChartSvg } from './RankChartSvg';
import { examplesPhrase } from '../format';
import { formatRankRange } from '../../src-shared/rank/rank-range';

/** "acme/x ranks #59 of 68 on classic-v0.3.0, 95 % #5–#68, 10 examples per scenario, 2 of 16 scenarios". */
export function figureTitle(
  result: Pick<RankResult, 'model' | 'rank' | 'rankInterval' | 'leaderboard' | 'examplesPerScenario'>,
  total: number,
  scenarios: { readonly chosen: number; readonly of: number },
): string {
  const covered =
    scenarios.chosen >= scenarios.of
      ? `all ${scenarios.of} scenarios`
      : `${scenarios.chosen} of ${scenarios.of} scenarios`;
  return `${result.model} ranks #${result.rank} of ${total} on ${result.leaderboard}, 95 % ${formatRankRange(result.rankInterval[0], result.rankInterval[1])}, ${examplesPhrase(result.examplesPerScenario)}, ${covered}`;
}

export interface FigureSvg {
  readonly text: string;
  readonly width: number;
  readonly height: number;
}

export function figureSvg(
  model: RankChartModel,
  colours: ChartColours,
  figure: { readonly title: string; readonly footer: readonly string[] },
  width: number = rankChartConfig.exportWidth,
): FigureSvg {
  const host = document.createElement('div');
  const root = createRoot(host);
  flushSync(() => root.render(<RankChartSvg model={model} width={width} colours={colours} figure={figure} />));
  const svg = host.querySelector('svg');
  if (!svg) throw new Error('The chart did not render.');
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
  const height = Number(svg.getAttribute('height'));
  root.unmount();
  return { text, width, height };
}

/** Draws an SVG figure on a canvas at 2× and returns it as a PNG. */
export async function figurePng(svg: FigureSvg): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(svg.width * 2);
  canvas.height = Math.ceil(svg.height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas available.');
  context.scale(2, 2);
  context.drawImage(image, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed.'))), 'image/png'),
  );
}
