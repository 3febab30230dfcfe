// Worker of `npm run calibrate`: runs study cells (TypeScript, through tsx) sent by the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runStudyTask } = await import(new URL('./calibrate-study.ts', import.meta.url).href);
parentPort.on('message', (task) => {
  parentPort.postMessage(runStudyTask(workerData.shared, task));
});
parentPort.postMessage('ready');
