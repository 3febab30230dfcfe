/**
 * An import worker thread (bundled as out/app/import-worker.js): inflates and parses the batches of zip entries the
 * importer sends (./zip-import.ts), so an import uses every core. `workerData` says which board schema and budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { schemaFor } from '../../../src-shared/leaderboard/schema';
import { processBatch } from './import-batch';
import type { ImportWorkerData, WorkerReply, WorkerRequest } from './zip-import';

const data = workerData as ImportWorkerData; // cast: set by ImportPool, in this same build
const context = { schema: schemaFor(data.project), budget: data.budget, source: data.source, archive: data.archive };

parentPort?.on('message', (request: WorkerRequest) => {
  void processBatch(request.batch, context).then((results) => {
    const reply: WorkerReply = { id: request.id, results };
    parentPort?.postMessage(reply);
  });
});
