/**
 * The rank worker thread (bundled as out/app/rank-worker.js; ./rank-executor.ts starts it): does the app's rank jobs
 * (./rank-jobs.ts) off the serving thread, one at a time in the order they came, so a job that needs a calibration
 * the previous one just stored in `calibration.json` reads it instead of computing it again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RankWorkerData, RankWorkerReply, RankWorkerRequest } from './rank-executor';
import { errorReply } from './rank-executor';
import { runRankJob } from './rank-jobs';

const data = workerData as RankWorkerData; // cast: set by WorkerRankExecutor, in this same build
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (request: RankWorkerRequest) => {
  queue = queue.then(async () => {
    let reply: RankWorkerReply;
    try {
      reply = { id: request.id, ok: true, result: await runRankJob(request.job, data.dataDir) };
    } catch (error) {
      reply = errorReply(request.id, error);
    }
    parentPort?.postMessage(reply);
  });
});
