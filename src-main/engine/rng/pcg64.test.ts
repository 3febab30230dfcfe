import { describe, expect, it } from 'vitest';
import { RAFT_TEST_ROWS, RAFT_TRAIN_ROWS } from '../scenarios/raft';
import { Pcg64, defaultRngPermutation, seedSequenceState } from './pcg64';

// Vectors printed by numpy 2.4.6 (`np.random.default_rng(42)`, its `bit_generator.state`, `random_raw`,
// `permutation`); numpy keeps Generator streams stable across versions for these calls.
describe('numpy default_rng (SeedSequence + PCG64)', () => {
  it('seeds PCG64 from SeedSequence(42) as numpy does', () => {
    expect(new Pcg64(42).rawState).toEqual({
      state: 274674114334540486603088602300644985544n,
      inc: 332724090758049132448979897138935081983n,
    });
    expect(seedSequenceState(42, 4)).toHaveLength(4);
  });

  it('draws the raw 64-bit words numpy draws', () => {
    const generator = new Pcg64(42);
    expect([generator.nextUint64(), generator.nextUint64(), generator.nextUint64()]).toEqual([
      14276969152011380360n,
      8095878257575067585n,
      15838336090824644132n,
    ]);
  });

  it('permutation(n) equals numpy for small and large n', () => {
    expect(Array.from(defaultRngPermutation(42, 10))).toEqual([5, 6, 0, 7, 3, 2, 4, 9, 1, 8]);
    expect(Array.from(defaultRngPermutation(42, 7500).slice(0, 10))).toEqual([
      289, 4167, 428, 2413, 4800, 6762, 5092, 6261, 3048, 5416,
    ]);
    expect(Array.from(defaultRngPermutation(42, 5000).slice(0, 10))).toEqual([
      1535, 1183, 3378, 3825, 643, 90, 2835, 3865, 2220, 2177,
    ]);
    const large = defaultRngPermutation(42, 100_000);
    expect(Array.from(large.slice(0, 5))).toEqual([45262, 49850, 30394, 90177, 95569]);
    expect(Array.from(large.slice(-5))).toEqual([34957, 70338, 5668, 22113, 75400]);
  });

  it("reproduces RAFT's shipped train_test_split rows (permutation(50): test = [:40], train = [40:])", () => {
    const permutation = Array.from(defaultRngPermutation(42, 50));
    expect(permutation.slice(0, 40)).toEqual(RAFT_TEST_ROWS);
    expect(permutation.slice(40)).toEqual(RAFT_TRAIN_ROWS);
  });
});
