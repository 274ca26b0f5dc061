import { parentPort, workerData } from 'node:worker_threads';
import type { Allowlist, Rule } from '../core/types.js';
import { Detector } from '../detector/detector.js';
import type { ReadOptions } from '../sources/read-file.js';
import { scanFile, type FileTask } from './scan-file.js';

export interface WorkerInit {
  rules: Rule[];
  allow: Allowlist;
  read: ReadOptions;
}

export interface WorkerRequest {
  id: number;
  task: FileTask;
}

const init = workerData as WorkerInit;
const detector = new Detector(init.rules, { allow: init.allow });

parentPort!.on('message', (msg: WorkerRequest) => {
  scanFile(msg.task, detector, init.read).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: (e as Error).message ?? String(e) }),
  );
});
