// A raw LSP connection for the misuse tests: it can write any bytes at all (broken frames,
// wrong lengths, garbage), keeps every message the server sent, and reads the server's
// memory from /proc. Nothing sleeps: every wait is for a message, with a deadline.
// (test/support/lspClient.ts is the well-behaved client; this one is not.)

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot, serverPath } from './lspClient';

export const DEADLINE_MS = 10_000;

export interface WireMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** Frame a message as the protocol wants it. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

interface Waiter {
  match: (m: WireMessage) => boolean;
  resolve: (m: WireMessage) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class RawServer {
  /** Every message from the server, in order. */
  readonly received: WireMessage[] = [];
  stderr = '';
  exitCode: number | null | undefined;
  private buffer = Buffer.alloc(0);
  private nextId = 1000;
  private readonly waiters = new Set<Waiter>();

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('exit', (code) => {
      this.exitCode = code;
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error(`the server exited (status ${String(code)}); stderr:\n${this.stderr}`));
      }
      this.waiters.clear();
    });
  }

  /** Spawn `node [nodeArgs] dist/server/main.js --stdio` and initialize it. */
  static async start(nodeArgs: string[] = []): Promise<RawServer> {
    const child = spawn(process.execPath, [...nodeArgs, serverPath(), '--stdio'], { cwd: repoRoot(), stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new RawServer(child);
    const init = await server.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    if (init.error) throw new Error(`initialize failed: ${init.error.message}`);
    server.notify('initialized', {});
    return server;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** The server's resident memory in kB (VmRSS), from /proc. */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    if (!m) throw new Error(`no VmRSS in /proc/${this.pid}/status`);
    return Number(m[1]);
  }

  /** The `window/logMessage` texts received so far. */
  logs(since = 0): string[] {
    return this.received
      .slice(since)
      .filter((m) => m.method === 'window/logMessage')
      .map((m) => (m.params as { message: string }).message);
  }

  writeRaw(bytes: Buffer | string): void {
    this.child.stdin.write(bytes);
  }

  notify(method: string, params: unknown): void {
    this.writeRaw(frame({ jsonrpc: '2.0', method, params }));
  }

  /** The id the next request() will use, for tests that cancel it. */
  peekId(): number {
    return this.nextId;
  }

  /** An id no request() will use, for requests written by hand. */
  takeId(): number {
    return this.nextId++;
  }

  /** Send a request; resolves with the whole response (result or error), never rejects on
   * an error response. `prefix` bytes are written in the same write, just before it. */
  request(method: string, params: unknown, options: { prefix?: Buffer | string; suffix?: Buffer | string; deadlineMs?: number } = {}): Promise<WireMessage> {
    const id = this.nextId++;
    const answer = this.waitFor((m) => m.id === id && m.method === undefined, `the answer to ${method} (id ${id})`, options.deadlineMs);
    const parts = [options.prefix ?? '', frame({ jsonrpc: '2.0', id, method, params }), options.suffix ?? ''].map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p));
    this.writeRaw(Buffer.concat(parts));
    return answer;
  }

  /** The first message from now on that matches. */
  waitFor(match: (m: WireMessage) => boolean, what: string, deadlineMs = DEADLINE_MS): Promise<WireMessage> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no ${what} within ${deadlineMs} ms; last messages: ${JSON.stringify(this.received.slice(-3)).slice(0, 1500)}\nstderr:\n${this.stderr}`));
        }, deadlineMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Close the server's stdin, as an editor that dies does, and wait for the exit. */
  endInput(deadlineMs = DEADLINE_MS): Promise<number | null> {
    if (this.exitCode !== undefined) return Promise.resolve(this.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`the server did not exit within ${deadlineMs} ms of its stdin closing`));
      }, deadlineMs);
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      this.child.stdin.end();
    });
  }

  async close(): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      this.child.kill('SIGKILL');
    }
    return exited;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /^Content-Length: *(\d+)$/im.exec(this.buffer.subarray(0, headerEnd).toString('latin1'));
      if (!length) throw new Error(`the server wrote a frame without Content-Length: ${this.buffer.subarray(0, headerEnd).toString('latin1')}`);
      const end = headerEnd + 4 + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, end).toString('utf8')) as WireMessage;
      this.buffer = this.buffer.subarray(end);
      if (message.method === 'workspace/configuration' && message.id !== undefined) {
        this.writeRaw(frame({ jsonrpc: '2.0', id: message.id, result: [null] }));
      } else if (message.method !== undefined && message.id !== undefined) {
        this.writeRaw(frame({ jsonrpc: '2.0', id: message.id, result: null }));
      }
      this.received.push(message);
      for (const w of [...this.waiters]) {
        if (!w.match(message)) continue;
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve(message);
      }
    }
  }
}
