// The bench's own LSP client over stdio: as thin as possible, so that what it times is
// the server, and it knows the server's pid (for its memory). Content-Length framing,
// requests by id, notifications by method; the tests' client (test/support/lspClient.ts)
// is the thorough one.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Message {
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export class BenchClient {
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<{ method: string; match: (p: unknown) => boolean; resolve: (p: unknown) => void }>();
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${String(code)}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Spawn and initialize. `initialized` is sent at once, unless `holdInitialized` (then
   * call `initialized()` when the clock should start). */
  static async start(serverPath: string, settings: unknown, options: { workspaceFolders?: string[]; holdInitialized?: boolean } = {}): Promise<BenchClient> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new BenchClient(child);
    const folders = options.workspaceFolders ?? null;
    await client.request('initialize', {
      processId: process.pid,
      rootUri: folders?.[0] ?? null,
      workspaceFolders: folders ? folders.map((uri, i) => ({ uri, name: `w${i}` })) : null,
      initializationOptions: { settings: { fic: settings } },
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    if (!options.holdInitialized) client.initialized();
    return client;
  }

  initialized(): void {
    this.notify('initialized', {});
  }

  /** Every notification of `method` since the client started. */
  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** The params of every `method` notification from now on. */
  collect<P>(method: string): P[] {
    const list: P[] = [];
    this.collectors.push({ method, list: list as unknown[] });
    return list;
  }

  private readonly counts = new Map<string, number>();
  private readonly collectors: { method: string; list: unknown[] }[] = [];

  get pid(): number {
    return this.child.pid as number;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next `method` notification that matches; register before provoking it. */
  next<P>(method: string, match: (p: P) => boolean = () => true): Promise<P> {
    return new Promise<P>((resolve) => {
      this.listeners.add({ method, match: match as (p: unknown) => boolean, resolve: resolve as (p: unknown) => void });
    });
  }

  async close(): Promise<void> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
  }

  /** As vscode-jsonrpc's writer does (what VS Code's and most Node clients use): encode the
   * body once and write the header beside it. Measuring the length first and then
   * encoding header and body as one string cost a 6 MB didOpen two more passes (~35 ms). */
  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`, 'latin1');
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('a message without Content-Length');
      const end = headerEnd + 4 + Number(m[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      // workspace/configuration and friends: nothing beyond initializationOptions.
      this.send({ id: message.id, result: message.method === 'workspace/configuration' ? [null] : null });
      return;
    }
    if (message.method !== undefined) {
      this.counts.set(message.method, (this.counts.get(message.method) ?? 0) + 1);
      for (const c of this.collectors) if (c.method === message.method) c.list.push(message.params);
      for (const l of [...this.listeners]) {
        if (l.method === message.method && l.match(message.params)) {
          this.listeners.delete(l);
          l.resolve(message.params);
        }
      }
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!pending) return;
    this.pending.delete(message.id as number);
    if (message.error) pending.reject(new Error(`${message.error.code}: ${message.error.message}`));
    else pending.resolve(message.result);
  }
}
