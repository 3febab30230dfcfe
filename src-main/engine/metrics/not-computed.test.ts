import { describe, expect, it } from 'vitest';
import { notComputedWarning } from './not-computed';

describe('the warning for metrics not computed', () => {
  const toxicity = [{ name: 'toxic_frac', reason: 'needs the Perspective API' }];

  it('is given once per job for each set of metrics, not once per run (a Classic run has a dozen such runs)', () => {
    const warned = new Set<string>();
    expect(notComputedWarning('narrative_qa:model=x', toxicity, warned)).toBe(
      'narrative_qa:model=x: not computed (out of scope, never reported as 0): toxic_frac (needs the Perspective API). Not repeated for the other runs that ask for the same metrics.',
    );
    expect(notComputedWarning('boolq:model=x', toxicity, warned)).toBeNull();
    const other = [{ name: 'summac', reason: 'needs a GPU model' }, ...toxicity];
    expect(notComputedWarning('summarization_xsum:model=x', other, warned)).toContain('summac (needs a GPU model)');
    expect(notComputedWarning('mmlu:model=x', [], warned)).toBeNull();
  });
});
