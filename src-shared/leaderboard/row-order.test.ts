import { describe, expect, it } from 'vitest';
import { placeModel } from '../rank/placement';
import { KNOWN_RELEASE_DEPLOYMENTS, rowOrderKeyFor, userRowPosition } from './row-order';
import { meanWinRates, rankRows } from './win-rate';

// The schema's `models:` order (schema.yaml@v0.3.0, schema_classic.yaml@v0.4.0 list model names).
const schemaModels = ['ai21/j1-jumbo', 'openai/davinci', 'openai/curie', 'together/t0pp', 'mistralai/mistral-7b-v0.1'];

describe('rowOrderKeyFor', () => {
  it('keys v0.3.x summarize on the model and later code on the deployment', () => {
    expect(rowOrderKeyFor('v0.3.0')).toBe('model');
    expect(rowOrderKeyFor('v0.4.0')).toBe('model_deployment');
    expect(rowOrderKeyFor('')).toBe('model_deployment');
  });
});

describe("userRowPosition (summarize.py `_adapter_spec_sort_key`, stable sort, user's suite read last)", () => {
  // Board rows in HELM's order for each version.
  const v3Rows = schemaModels.slice(0, 4).map((model) => ({ model, deployment: '' }));

  it('v0.3.0 (`model_order.index(spec.model)`): a new model goes first, a re-run right after its listed row', () => {
    expect(userRowPosition(v3Rows, { model: 'me/new', deployment: 'me/new' }, schemaModels, 'model')).toBe(0);
    // Re-running openai/davinci (schema index 1): after ai21/j1-jumbo and the board's own davinci row.
    expect(
      userRowPosition(v3Rows, { model: 'openai/davinci', deployment: 'openai/davinci' }, schemaModels, 'model'),
    ).toBe(2);
  });

  it('v0.4.0 (`model_order.index(spec.model_deployment)`): after every row without a deployment', () => {
    // Classic v0.4.0: every pre-v0.4.0 row has deployment "" and sorts first in read order; Mistral's v0.4.0 runs
    // carry together/mistral-7b-v0.1 (unlisted: index −1) and sort among the unlisted by deployment.
    const mistral = 'mistralai/mistral-7b-v0.1';
    const v4Rows = [
      ...schemaModels.slice(0, 4).map((model) => ({ model, deployment: '' })),
      { model: mistral, deployment: KNOWN_RELEASE_DEPLOYMENTS[mistral] as string },
    ];
    const user = (deployment: string) => ({ model: deployment, deployment });
    expect(userRowPosition(v4Rows, user('me/new'), schemaModels, 'model_deployment')).toBe(4);
    expect(userRowPosition(v4Rows, user('zz/new'), schemaModels, 'model_deployment')).toBe(5);
    // A board model re-run as a user model: still after all rows without a deployment, not next to its row.
    expect(userRowPosition(v4Rows, user('openai/davinci'), schemaModels, 'model_deployment')).toBe(5);
  });

  it('decides ties and so the rank: a re-run that ties its board row in every column (legacy rule)', () => {
    // Rows a, b, c; the user re-runs b exactly. Under the legacy rule a tie goes to the later row (higher is better).
    const board = {
      models: ['a', 'b', 'c'],
      columns: [0, 1, 2].map((c) => ({ name: `c${c}`, lowerIsBetter: false })),
      values: [
        [0.9, 0.2, 0.5],
        [0.5, 0.6, 0.5],
        [0.1, 0.8, 0.5],
      ],
      rule: 'legacy' as const,
      aggregation: 'win_rate' as const,
    };
    const userCells = { c0: 0.5, c1: 0.6, c2: 0.5 };
    const rankAt = (position: number) => {
      const rows = [...board.values];
      rows.splice(position, 0, [0.5, 0.6, 0.5]);
      const ranks = rankRows(meanWinRates(rows, [false, false, false], { rule: 'legacy' }));
      return ranks[position] as number;
    };
    // First (v0.3.0 order for a new name) vs after every board row (v0.4.0 with deployments ""): different ranks.
    expect(rankAt(0)).not.toBe(rankAt(3));
    for (const position of [0, 2, 3])
      expect(placeModel(board, userCells, { userRowIndex: position }).rank).toBe(rankAt(position));
  });
});
