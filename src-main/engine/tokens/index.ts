/** TokenCounters for prompt fitting and token stats. */
export { createApproximateTokenCounter } from './approximate-token-counter';
export { createCountingTokenCounter, createExactTokenCounter, type Tokenizer } from './exact-token-counter';
