import { describe, expect, it } from 'vitest';
import { chosenCount, configScenarios, isChosen, toggleColumn } from './scenario-choice';

const COLUMNS = ['mmlu', 'boolq', 'imdb'];

describe('the scenario choice', () => {
  it('shows every box ticked under "all", and unticking one keeps the others', () => {
    expect(COLUMNS.every((column) => isChosen('all', column))).toBe(true);
    expect(toggleColumn('all', 'boolq', COLUMNS)).toEqual(['mmlu', 'imdb']);
    expect(chosenCount(['mmlu', 'imdb'], COLUMNS)).toBe(2);
  });

  it('is "all" again when the last missing box is ticked, and can be empty while choosing', () => {
    expect(toggleColumn(['mmlu', 'imdb'], 'boolq', COLUMNS)).toBe('all');
    expect(toggleColumn(['mmlu'], 'mmlu', COLUMNS)).toEqual([]);
    expect(configScenarios('all')).toEqual([]);
    expect(configScenarios(['imdb', 'mmlu'])).toEqual(['imdb', 'mmlu']);
  });
});
