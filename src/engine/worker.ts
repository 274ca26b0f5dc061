import { parentPort, workerData } from 'node:worker_threads';
import type { Allowlist, Rule } from '../core/types.js';
import { Detector } from '../detector/detector.js';
import type { ReadOptions } from '../sources/read-file.js';
import { scanFile, type FileResult, type FileTask } from './scan-file.js';

export interface WorkerInit {
  rules: Rule[];
  allow: Allowlist;
  read: ReadOptions;
  /** Set by the pool: [files started, index in the batch of the file in progress]. */
  progress?: Int32Array;
}

export interface WorkerRequest {
  id: number;
  tasks: FileTask[];
}

export interface WorkerResponse {
  id: number;
  results: FileResult[];
  error?: string;
}

const init = workerData as WorkerInit;
const detector = new Detector(init.rules, { allow: init.allow });
const progress = init.progress!;

parentPort!.on('message', async (msg: WorkerRequest) => {
  const results: FileResult[] = [];
  try {
    for (let i = 0; i < msg.tasks.length; i++) {
      // The pool's watchdog reads these to tell a slow batch from a stuck file.
      Atomics.store(progress, 1, i);
      Atomics.add(progress, 0, 1);
      results.push(await scanFile(msg.tasks[i]!, detector, init.read));
    }
    parentPort!.postMessage({ id: msg.id, results } satisfies WorkerResponse);
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, results, error: (e as Error).message ?? String(e) } satisfies WorkerResponse);
  }
});
