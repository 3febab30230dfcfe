import { describe, expect, it } from 'vitest';
import { budgetAt, CLASSIC_LAYOUT, uniformLayout } from './classic-layout';
import { DEFAULT_TOKENS_PER_REQUEST, FALLBACK_TOKENS_PER_REQUEST, tokenRates, tokensAt } from './tokens';

const CLASSIC_COLUMNS = [...new Set(CLASSIC_LAYOUT.map((stratum) => stratum.column))];

describe('tokenRates', () => {
  it('has a stated default for every Classic core column', () => {
    expect(CLASSIC_COLUMNS.filter((column) => DEFAULT_TOKENS_PER_REQUEST[column] === undefined)).toEqual([]);
  });

  it("uses the board's medians where it has them and labels the rest as defaults", () => {
    const rates = tokenRates(CLASSIC_COLUMNS, { boolq: 800, imdb: Number.NaN });
    expect(rates.perRequest.boolq).toBe(800);
    expect(rates.perRequest.imdb).toBe(DEFAULT_TOKENS_PER_REQUEST.imdb);
    expect(rates.fromBoard).toEqual(['boolq']);
    expect(rates.fromDefault).toHaveLength(15);
    expect(rates.basis).toMatch(/board's median .* for 1 of 16 scenarios/);
    expect(rates.basis).toMatch(/stated defaults for mmlu, narrative_qa/);
  });

  it('says so when every rate is a default (release-file boards), with a fallback for unknown columns', () => {
    const rates = tokenRates(['mmlu', 'some_lite_scenario'], {});
    expect(rates.basis).toMatch(
      /^Tokens: stated defaults for every scenario \(.*General-information table; 1000 per request for some_lite_scenario\)\.$/,
    );
    expect(rates.perRequest.some_lite_scenario).toBe(FALLBACK_TOKENS_PER_REQUEST);
    expect(
      tokenRates(CLASSIC_COLUMNS, Object.fromEntries(CLASSIC_COLUMNS.map((column) => [column, 10]))).basis,
    ).toMatch(/for every scenario\.$/);
  });
});

describe('tokensAt', () => {
  it('multiplies items by requests per instance and tokens per request', () => {
    const layout = uniformLayout(['a', 'b'], 100);
    const rates = tokenRates(['a', 'b'], { a: 10, b: 20 });
    expect(tokensAt(layout, 10, rates)).toBe(10 * 10 + 10 * 20);
    expect(tokensAt(layout, 'full', rates)).toBe(100 * 10 + 100 * 20);
  });

  it("counts HellaSwag's four requests per instance on Classic and grows with the conf", () => {
    const rates = tokenRates(CLASSIC_COLUMNS, {});
    const hellaswagOnly = tokenRates(
      CLASSIC_COLUMNS,
      Object.fromEntries(CLASSIC_COLUMNS.map((column) => [column, column === 'hellaswag' ? 1 : 0])),
    );
    expect(
      tokensAt(
        CLASSIC_LAYOUT.filter((stratum) => stratum.column === 'hellaswag'),
        10,
        hellaswagOnly,
      ),
    ).toBe(10 * 4);
    const levels = [10, 20, 50, 100, 1000] as const;
    const tokens = levels.map((level) => tokensAt(CLASSIC_LAYOUT, level, rates));
    expect(tokens).toEqual([...tokens].sort((a, b) => a - b));
    // Every request carries at least a few tokens and at most a long-context prompt.
    expect(tokens[0]).toBeGreaterThan(budgetAt(CLASSIC_LAYOUT, 10).requests * 5);
    expect(tokens[0]).toBeLessThan(budgetAt(CLASSIC_LAYOUT, 10).requests * 2000);
  });
});
