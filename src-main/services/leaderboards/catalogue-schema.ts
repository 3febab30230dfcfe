/**
 * The catalogue checked against the API contract's schema (zod): for catalogues that are not the bundled one (tests
 * and tools), and for the bundled file itself in the tests. The app loads the bundled file without it
 * (./catalogue.ts), so listing or importing boards does not load zod.
 */
import { z } from 'zod';
import { catalogueEntrySchema } from '../../../src-shared/api/leaderboards';
import type { CatalogueEntry } from '../../../src-shared/api/leaderboards';
import { AppError } from '../../../src-shared/errors';
import { checkCatalogue } from './catalogue';

const catalogueFileSchema = z.object({ entries: z.array(catalogueEntrySchema) });

/** Validates catalogue data; ids must be unique and exactly one entry the default (see checkCatalogue). */
export function parseCatalogue(json: unknown): CatalogueEntry[] {
  const parsed = catalogueFileSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError({
      code: 'catalogue.invalid',
      message: 'resources/catalogue.json is not a valid catalogue.',
      cause: parsed.error.message,
    });
  return checkCatalogue(parsed.data.entries);
}
