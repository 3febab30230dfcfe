/**
 * The zod side of ./run-file-parser.ts: validates what the fast validators defer and words what is wrong, exactly as
 * the importer always has (src-shared/helm/validate.ts). Loaded on demand by the import workers.
 */
import { runSpecSchema, statsFileSchema, validateOrThrow } from '../../../src-shared/helm/validate';
import type { ExactValidators } from './run-file-parser';

export const EXACT_VALIDATORS: ExactValidators = {
  stats: (json, entry) => validateOrThrow(statsFileSchema, json, entry, 'import.invalid-run'),
  runSpec: (json, entry) => {
    const spec = validateOrThrow(runSpecSchema, json, entry, 'import.invalid-run');
    return {
      name: spec.name,
      model: spec.adapter_spec.model,
      modelDeployment: spec.adapter_spec.model_deployment,
      groups: spec.groups,
    };
  },
};
