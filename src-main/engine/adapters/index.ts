/**
 * The adapter registry, keyed by HELM's `adapter_spec.method`. Add a method by registering its factory in
 * {@link ADAPTER_FACTORIES} (one file per method in this folder).
 */
import { Registry } from '../registry';
import type { Adapter } from '../types';
import { createGenerationAdapter } from './generation';
import { createMultipleChoiceJointAdapter } from './multiple-choice-joint';
import {
  createMultipleChoiceSeparateCalibratedAdapter,
  createMultipleChoiceSeparateOriginalAdapter,
} from './multiple-choice-separate';

/** Every built-in adapter factory; each returns an adapter whose `method` is its registry key. */
export const ADAPTER_FACTORIES: readonly (() => Adapter)[] = [
  createGenerationAdapter,
  createMultipleChoiceJointAdapter,
  createMultipleChoiceSeparateOriginalAdapter,
  createMultipleChoiceSeparateCalibratedAdapter,
];

/** A registry with the built-in adapters plus `extra` ones (e.g. `ranking_binary`). */
export function createAdapterRegistry(extra: readonly Adapter[] = []): Registry<Adapter> {
  const registry = new Registry<Adapter>('adapter method');
  for (const adapter of [...ADAPTER_FACTORIES.map((create) => create()), ...extra]) {
    registry.register(adapter.method, adapter);
  }
  return registry;
}

export { createGenerationAdapter } from './generation';
export { createMultipleChoiceJointAdapter } from './multiple-choice-joint';
export {
  createMultipleChoiceSeparateCalibratedAdapter,
  createMultipleChoiceSeparateOriginalAdapter,
} from './multiple-choice-separate';
export { makePromptFit, constructPrompt, buildRequest } from './in-context-learning';
