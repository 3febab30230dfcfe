/**
 * A rank range as every face of the app shows it: "#12" when it is one rank, "#12–#14" otherwise. The results
 * headline, ties, History, the chart, the exported figure's title and the rank notes all word ranges with it.
 */
export function formatRankRange(low: number, high: number): string {
  return low === high ? `#${low}` : `#${low}–#${high}`;
}
