import { describe, expect, it } from 'vitest';
import { computeSaved, formatSaved } from './compute-saved';

const plan = (requests: number) => ({
  totals: {
    requests,
    estimatedPromptTokens: 0,
    estimatedCompletionTokens: null,
    estimatedCostUsd: null,
    estimatedSeconds: null,
  },
});

describe('computeSaved', () => {
  it('divides dry-run counts by dry-run counts, never the board estimate by a dry-run count', () => {
    expect(computeSaved(108.8, plan(841), plan(1724))).toEqual({ kind: 'dry-run', ratio: 1724 / 841 });
    expect(computeSaved(108.8, plan(841), null).kind).toBe('none');
    expect(computeSaved(108.8, null, plan(1724))).toEqual({ kind: 'board', ratio: 108.8 });
    expect(computeSaved(null, null, null).kind).toBe('none');
    expect(formatSaved(1724 / 841)).toBe('×2.0');
    expect(formatSaved(108.8)).toBe('×109');
  });
});
