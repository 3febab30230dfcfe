/**
 * HELM's `with_instance_ids` (`scenarios/scenario.py`): ids `id{i}` by position in the scenario's whole list,
 * train instances included. v0.3.0/v0.4.0 always reassign; HEAD assigns only when some instance lacks an id.
 * No core scenario sets ids, so both agree; we follow HEAD so scenarios that pin ids keep them.
 */
import type { Instance } from '../../../src-shared/helm/instance';

export function withInstanceIds(instances: readonly Instance[]): Instance[] {
  if (instances.length > 0 && instances.every((instance) => instance.id !== undefined)) return [...instances];
  return instances.map((instance, index) => ({ ...instance, id: `id${index}` }));
}
