// Worker threads that read and summarise chapters (summaryWorker.ts) for FsWorkspace. Each
// job goes to the worker with the fewest waiting; the workers keep the process alive only
// while they have work, so the CLI exits when it is done. A worker that fails takes the
// pool down with it: its jobs, and every later one, are refused and the caller summarises
// on its own thread.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChapterSummary } from '../service';

export interface SummaryJob {
  id: number;
  uri: string;
  canonical: string;
}

export interface SummaryResult {
  id: number;
  summary: ChapterSummary | null;
  problem: string | null;
}

interface Slot {
  worker: Worker;
  waiting: number;
}

/** Where the worker's script is: beside this file, bundled (dist/server) or compiled (out/). */
function workerScript(): string | null {
  const path = join(__dirname, 'summaryWorker.js');
  return existsSync(path) ? path : null;
}

export class SummaryPool {
  private readonly slots: Slot[] = [];
  private readonly jobs = new Map<number, { slot: Slot; resolve: (r: SummaryResult) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken: Error | null = null;

  /** A pool of `size` workers, or null when the worker script is not there. */
  static create(size: number): SummaryPool | null {
    const script = workerScript();
    if (script === null || size < 1) return null;
    try {
      return new SummaryPool(script, size);
    } catch {
      return null;
    }
  }

  private constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      const slot: Slot = { worker, waiting: 0 };
      worker.unref();
      worker.on('message', (result: SummaryResult) => this.settle(result));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`a summary worker stopped (exit code ${code})`)));
      this.slots.push(slot);
    }
  }

  get failed(): boolean {
    return this.broken !== null;
  }

  summarise(uri: string, canonical: string): Promise<SummaryResult> {
    if (this.broken) return Promise.reject(this.broken);
    let slot = this.slots[0] as Slot;
    for (const s of this.slots) if (s.waiting < slot.waiting) slot = s;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { slot, resolve, reject });
      // Held alive while it has work.
      if (slot.waiting++ === 0) slot.worker.ref();
      slot.worker.postMessage({ id, uri, canonical } satisfies SummaryJob);
    });
  }

  private settle(result: SummaryResult): void {
    const job = this.jobs.get(result.id);
    if (!job) return;
    this.jobs.delete(result.id);
    if (--job.slot.waiting === 0) job.slot.worker.unref();
    job.resolve(result);
  }

  private fail(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
    this.dispose();
  }

  dispose(): void {
    this.broken ??= new Error('the summary workers were stopped');
    for (const { worker } of this.slots) void worker.terminate();
  }
}
