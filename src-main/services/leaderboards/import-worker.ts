/**
 * An import worker thread (bundled as out/app/import-worker.js): inflates and parses the batches of zip entries the
 * importer sends (./zip-import.ts through ./import-pool.ts), so an import uses every core. Each request names its
 * board and budget, so a worker can start before the import it serves is known.
 */
import { parentPort } from 'node:worker_threads';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import type { BoardSchema } from '../../../src-shared/leaderboard/schema';
import { processBatch } from './import-batch';
import type { WorkerReply, WorkerRequest } from './import-pool';

/** One schema object per board family: the parser keeps its scanner per schema. */
const schemas = new Map<string, BoardSchema>();

parentPort?.on('message', (request: WorkerRequest) => {
  const { project, budget, source, archive } = request.context;
  let schema = schemas.get(project);
  if (!schema) schemas.set(project, (schema = schemaFor(project)));
  void processBatch(request.batch, { schema, budget, source, archive }).then((results) => {
    const reply: WorkerReply = { id: request.id, results };
    parentPort?.postMessage(reply);
  });
});
