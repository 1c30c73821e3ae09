// Worker threads that read and summarise chapters (summaryWorker.ts) for FsWorkspace. Each
// job goes to the worker with the fewest waiting; the workers keep the process alive only
// while they have work, so the CLI exits when it is done, and stop when idle for a while. A worker that fails takes the
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

/** Idle this long, the workers stop (each holds a Node isolate, 10 MB or more) and the
 * next chapter to read starts them again. */
const IDLE_MS = 30_000;

export class SummaryPool {
  private slots: Slot[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
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

  private constructor(
    private readonly script: string,
    private readonly size: number,
  ) {
    this.start();
  }

  private start(): void {
    const slots: Slot[] = [];
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(this.script);
      const slot: Slot = { worker, waiting: 0 };
      worker.unref();
      worker.on('message', (result: SummaryResult) => this.settle(result));
      worker.on('error', (error) => this.fail(error));
      // Stopped when idle is expected; any other exit is a failure.
      worker.on('exit', (code) => {
        if (this.slots === slots) this.fail(new Error(`a summary worker stopped (exit code ${code})`));
      });
      slots.push(slot);
    }
    this.slots = slots;
  }

  /** No job waiting anywhere: stop the workers after a while. */
  private idle(): void {
    if (this.jobs.size > 0 || this.broken) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.jobs.size > 0 || this.broken) return;
      const stopping = this.slots;
      this.slots = [];
      for (const { worker } of stopping) void worker.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  get failed(): boolean {
    return this.broken !== null;
  }

  /** Whether a worker has fewer than `most` chapters waiting: the caller's own thread
   * takes the chapter otherwise, so a worker never sits idle while that thread waits. */
  hasRoom(most: number): boolean {
    if (this.slots.length === 0) return true;
    return this.slots.some((s) => s.waiting < most);
  }

  summarise(uri: string, canonical: string): Promise<SummaryResult> {
    if (this.broken) return Promise.reject(this.broken);
    clearTimeout(this.idleTimer);
    if (this.slots.length === 0) this.start();
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
    this.idle();
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
    clearTimeout(this.idleTimer);
    const stopping = this.slots;
    this.slots = [];
    for (const { worker } of stopping) void worker.terminate();
  }
}
