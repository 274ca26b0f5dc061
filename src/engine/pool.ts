import { Worker } from 'node:worker_threads';
import type { FileResult, FileTask } from './scan-file.js';
import type { WorkerInit, WorkerRequest } from './worker.js';

interface Pending {
  id: number;
  task: FileTask;
  resolve: (r: FileResult) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Worker threads that scan files in parallel. Each file has a deadline: a worker stuck past it
 * (a catastrophic regex in a user rule, a pathological file) is terminated and replaced, the file
 * is reported as timed out, and the scan goes on.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;

  constructor(
    private readonly init: WorkerInit,
    size: number,
    private readonly timeoutMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot = {} as Slot;
    slot.worker = this.attach(slot);
    return slot;
  }

  /** A new worker whose messages settle whatever task `slot` holds. */
  private attach(slot: Slot): Worker {
    const worker = new Worker(WORKER_URL, { workerData: this.init });
    worker.on('message', (msg: { id: number; result?: FileResult; error?: string }) => {
      const p = slot.current;
      if (p && p.id === msg.id) this.finish(slot, msg.result ?? failed(p.task, msg.error ?? 'unknown error'));
    });
    worker.on('error', (e) => {
      const p = slot.current;
      this.replace(slot);
      if (p) p.resolve(failed(p.task, `scanner crashed: ${e.message}`));
    });
    worker.unref();
    return worker;
  }

  private replace(slot: Slot): void {
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    slot.worker = this.attach(slot);
    slot.current = undefined;
    this.pump();
  }

  private finish(slot: Slot, result: FileResult): void {
    clearTimeout(slot.timer);
    const p = slot.current!;
    slot.current = undefined;
    p.resolve(result);
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.current || this.queue.length === 0) continue;
      const p = this.queue.shift()!;
      slot.current = p;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.replace(slot);
        p.resolve(timedOut(p.task, this.timeoutMs));
      }, this.timeoutMs);
      slot.worker.postMessage({ id: p.id, task: p.task } satisfies WorkerRequest);
    }
    for (const slot of this.slots) if (!slot.current) slot.worker.unref();
  }

  run(task: FileTask): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
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
