import { Worker } from 'node:worker_threads';
import type { FileResult, FileTask } from './scan-file.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker.js';

interface Pending {
  task: FileTask;
  resolve: (r: FileResult) => void;
}

interface Slot {
  worker: Worker;
  /** [files started, index of the file in progress], written by the worker. */
  progress: Int32Array;
  batch?: Pending[];
  batchId?: number;
  timer?: NodeJS.Timeout;
  seen: number;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
/** A message round trip costs about as much as scanning a small file: files travel in batches. */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Worker threads that scan files in parallel. Each file has a deadline: a worker that starts no new
 * file for a whole `timeoutMs` (a catastrophic regex in a user rule, a pathological file) is
 * terminated and replaced, the file it was on is reported as timed out, the rest of its batch is
 * queued again, and the scan goes on.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextBatch = 0;

  constructor(
    private readonly init: WorkerInit,
    size: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) {
      const slot = { seen: 0 } as Slot;
      this.attach(slot);
      this.slots.push(slot);
    }
  }

  /** Gives `slot` a fresh worker whose messages settle the batch the slot holds. */
  private attach(slot: Slot): void {
    slot.progress = new Int32Array(new SharedArrayBuffer(8));
    slot.seen = 0;
    const worker = new Worker(WORKER_URL, { workerData: { ...this.init, progress: slot.progress } satisfies WorkerInit });
    worker.on('message', (msg: WorkerResponse) => {
      if (msg.id !== slot.batchId || !slot.batch) return;
      const batch = slot.batch;
      this.release(slot);
      batch.forEach((p, i) => p.resolve(msg.results[i] ?? failed(p.task, msg.error ?? 'no result')));
      this.pump();
    });
    worker.on('error', (e) => this.abandon(slot, `scanner crashed: ${e.message}`));
    worker.unref();
    slot.worker = worker;
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.batch = undefined;
    slot.batchId = undefined;
    slot.worker.unref();
  }

  /** Kills the slot's worker: the file in progress gets `why`, the rest of the batch is queued again. */
  private abandon(slot: Slot, why: string | ((task: FileTask) => FileResult)): void {
    const batch = slot.batch ?? [];
    const stuck = Math.min(Atomics.load(slot.progress, 1), batch.length - 1);
    this.release(slot);
    void slot.worker.terminate();
    this.attach(slot);
    if (stuck >= 0) {
      const p = batch[stuck]!;
      p.resolve(typeof why === 'string' ? failed(p.task, why) : why(p.task));
      this.queue.unshift(...batch.filter((_, i) => i !== stuck));
    }
    this.pump();
  }

  /** Re-armed while the worker keeps starting new files; fires `abandon` when it has not for a whole period. */
  private watch(slot: Slot): void {
    slot.timer = setTimeout(() => {
      const started = Atomics.load(slot.progress, 0);
      if (started !== slot.seen) {
        slot.seen = started;
        this.watch(slot);
      } else {
        this.abandon(slot, (task) => timedOut(task, this.timeoutMs));
      }
    }, this.timeoutMs);
  }

  private pump(): void {
    let free = this.slots.filter((s) => !s.batch).length;
    for (const slot of this.slots) {
      if (slot.batch || this.queue.length === 0) continue;
      // Share what is queued among the idle workers rather than handing it all to the first.
      const share = Math.min(BATCH_FILES, Math.ceil(this.queue.length / free--));
      const batch: Pending[] = [];
      let bytes = 0;
      while (this.queue.length > 0 && batch.length < share && (batch.length === 0 || bytes + this.queue[0]!.task.size <= BATCH_BYTES)) {
        const p = this.queue.shift()!;
        bytes += p.task.size;
        batch.push(p);
      }
      slot.batch = batch;
      slot.batchId = this.nextBatch++;
      slot.seen = Atomics.load(slot.progress, 0);
      slot.worker.ref();
      this.watch(slot);
      slot.worker.postMessage({ id: slot.batchId, tasks: batch.map((p) => p.task) } satisfies WorkerRequest);
    }
  }

  run(task: FileTask): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      // Let the caller queue more before a batch leaves: a lone file is sent on the next tick.
      if (this.queue.length === 1) setImmediate(() => this.pump());
      else if (this.queue.length >= BATCH_FILES) this.pump();
    });
  }

  async close(): Promise<void> {
    for (const slot of this.slots) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function failed(task: FileTask, why: string): FileResult {
  return { findings: [], bytes: 0, notices: [{ kind: 'unreadable', path: task.provenance.path, level: 'warning', message: why }] };
}

function timedOut(task: FileTask, ms: number): FileResult {
  return {
    findings: [],
    bytes: 0,
    notices: [{ kind: 'timeout', path: task.provenance.path, level: 'warning', message: `scan stopped after ${ms / 1000}s (--file-timeout); a rule regex may backtrack catastrophically on this file` }],
  };
}
