// A small LSP client for tests: it starts the built server (`dist/server/main.js --stdio`)
// and talks JSON-RPC over its stdin/stdout exactly as an editor does. Nothing here sleeps:
// every wait is for a specific message, with a deadline that fails the test with what was
// seen instead.
//
//   const client = await LspClient.start({ settings: { fic: { wordCount: { method: 'ao3' } } } });
//   client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text } });
//   const stats = await client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri);
//   const result = await client.request<FicStats>('fic/stats', { textDocument: { uri } });
//   await client.close();
//
// The framing is written here rather than borrowed from vscode-jsonrpc so that the tests
// check the server's bytes on the wire, not a library's tolerance of them.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo';

/** The default deadline of a request or a wait, in milliseconds. */
export const DEFAULT_DEADLINE_MS = 5000;

/** The repository root: the nearest folder above this file that holds package.json. */

export { repoRoot } from './repo';

/** The built server bin; a readable failure when the build has not been run. */
export function serverPath(): string {
  const path = join(repoRoot(), 'dist', 'server', 'main.js');
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return path;
}

export interface LspClientOptions {
  /** The configuration the client reports: `workspace/configuration` for section `fic`
   * answers `settings.fic` (null when absent). Change it later with `setSettings`. */
  settings?: Record<string, unknown>;
  /** Sent as `initializationOptions` in `initialize`. */
  initializationOptions?: unknown;
  /** Whether the client announces `workspace.configuration` (default true). Without it
   * the server must take settings from `workspace/didChangeConfiguration` instead. */
  configuration?: boolean;
  /** Extra arguments after `--stdio`. */
  args?: string[];
  /** Node's own options, before the server's script (`--heapsnapshot-signal=SIGUSR2`). */
  nodeOptions?: string[];
  /** The server's working folder (default: the repository); Node writes heap snapshots there. */
  cwd?: string;
  /** The Node to run the server with (default: the one running the tests). */
  node?: string;
  /** The server's environment (default: the tests'). */
  env?: NodeJS.ProcessEnv;
  /** A server already running (the desktop client's early fork, client/src/serverProcess.ts),
   * talked to instead of spawning one; the options above that start a process do not apply. */
  process?: ChildProcessWithoutNullStreams;
  /** Workspace folder uris sent in initialize (none: the editor opened single files). */
  workspaceFolders?: string[];
  /** Answers to the server's own requests (fic/findFiles, fic/readFile), as a fake editor. */
  handlers?: Record<string, (params: unknown) => unknown>;
  /** Leave the server's own requests (workspace/configuration) unanswered, as a broken
   * client would (default false). */
  unresponsive?: boolean;
}

/** An error response to a request, with its JSON-RPC code. */
export class ResponseError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(`${method} failed (${code}): ${message}`);
  }
}

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Waiter {
  method: string;
  matches: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class LspClient {
  /** Every notification the server sent, in order of arrival. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every request the server sent to the client (workspace/configuration, ...). */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  /** `window/logMessage` and `window/showMessage` texts, in order. */
  readonly logMessages: { type: number; message: string }[] = [];
  /** The result of `initialize`. */
  initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } } | undefined;
  /** Set once the process has exited. */
  exitCode: number | null | undefined;

  private settings: Record<string, unknown>;
  handlers: Record<string, (params: unknown) => unknown> = {};
  private unresponsive = false;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<Waiter>();
  private stderrText = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        this.exitCode = code;
        this.failAll(new Error(`the server exited (status ${String(code)}); stderr:\n${this.stderrText}`));
        resolve(code);
      });
    });
    // A write after the server died is reported by `exit`; keep it from crashing the test.
    child.stdin.on('error', () => undefined);
  }

  /** Spawn the server and complete the initialize / initialized handshake. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const child =
      options.process ??
      spawn(options.node ?? process.execPath, [...(options.nodeOptions ?? []), serverPath(), '--stdio', ...(options.args ?? [])], {
        cwd: options.cwd ?? repoRoot(),
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
    const client = new LspClient(child, options.settings ?? {});
    client.handlers = options.handlers ?? {};
    client.unresponsive = options.unresponsive ?? false;
    const configuration = options.configuration ?? true;
    const folders = options.workspaceFolders ?? null;
    client.initializeResult = await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'fic-lsp-tests' },
      rootUri: folders?.[0] ?? null,
      workspaceFolders: folders ? folders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: false } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          publishDiagnostics: { relatedInformation: false, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
        },
      },
    });
    client.notify('initialized', {});
    return client;
  }

  /** Everything the server wrote to stderr so far. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Send a request; rejects with ResponseError on an error response, or after the deadline. */
  request<R = unknown>(method: string, params: unknown, deadlineMs = DEFAULT_DEADLINE_MS): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} (id ${id}) got no answer within ${deadlineMs} ms; server stderr:\n${this.stderrText}`));
      }, deadlineMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolve with the params of the first `method` notification that arrives AFTER this
   * call and satisfies `predicate`. To not miss a fast answer, call it before the message
   * that provokes it, and await it after. */
  waitForNotification<P = unknown>(method: string, predicate: (params: P) => boolean = () => true, deadlineMs = DEFAULT_DEADLINE_MS): Promise<P> {
    return new Promise<P>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        matches: (params) => predicate(params as P),
        resolve: resolve as (params: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.notifications.filter((n) => n.method === method).slice(-3);
          reject(new Error(`no matching ${method} within ${deadlineMs} ms; the last ones seen: ${JSON.stringify(seen).slice(0, 2000)}\nserver stderr:\n${this.stderrText}`));
        }, deadlineMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Change what `workspace/configuration` answers, and tell the server (with the new
   * settings in the notification too, for servers that read them from there). */
  setSettings(settings: Record<string, unknown>): void {
    this.settings = settings;
    this.notify('workspace/didChangeConfiguration', { settings });
  }

  /** shutdown, exit, and wait for the process to end; kill it if it does not in time.
   * Resolves with its exit status (0 after a clean shutdown). */
  async close(deadlineMs = DEFAULT_DEADLINE_MS): Promise<number | null> {
    if (this.exitCode !== undefined) return this.exitCode;
    try {
      await this.request('shutdown', null, deadlineMs);
      this.notify('exit', null);
    } catch {
      // Already dead or hung: the kill below deals with both.
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const killed = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
    const outcome = await Promise.race([this.exited, killed]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`the server did not exit within ${deadlineMs} ms of shutdown/exit; killed it`);
    }
    return outcome;
  }

  // ---- wire ---------------------------------------------------------------------------

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /^Content-Length: *(\d+)$/im.exec(header);
      if (!length) return this.broken(`a message without Content-Length: ${JSON.stringify(header)}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.buffer.length < end) return;
      let message: Message;
      try {
        message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message;
      } catch (error) {
        return this.broken(`a body that is not JSON (${String(error)})`);
      }
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  /** Send the server process a signal (with `nodeOptions: ['--heapsnapshot-signal=SIGUSR2']`,
   * SIGUSR2 has Node write a heap snapshot into the server's working folder). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kill the server as a crash would (no shutdown, no exit), and wait for it to end. */
  async crash(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The stream can no longer be trusted: fail everything waiting, and stop the server. */
  private broken(what: string): void {
    this.buffer = Buffer.alloc(0);
    this.failAll(new Error(`the server broke the protocol: it sent ${what}`));
    this.child.kill('SIGKILL');
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      this.serverRequests.push({ method: message.method, params: message.params });
      if (this.unresponsive) return;
      const id = message.id;
      const handler = this.handlers[message.method];
      if (handler) {
        // A fake editor may answer later (a slow disk); errors go back as errors.
        Promise.resolve()
          .then(() => handler(message.params))
          .then(
            (result) => this.send({ jsonrpc: '2.0', id, result: result ?? null }),
            (error: unknown) => this.send({ jsonrpc: '2.0', id, error: { code: -32603, message: String(error) } }),
          );
        return;
      }
      this.send({ jsonrpc: '2.0', id, result: this.answer(message.method, message.params) });
      return;
    }
    if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      if (message.method === 'window/logMessage' || message.method === 'window/showMessage') {
        this.logMessages.push(message.params as { type: number; message: string });
      }
      for (const waiter of [...this.waiters]) {
        if (waiter.method === message.method && waiter.matches(message.params)) {
          clearTimeout(waiter.timer);
          this.waiters.delete(waiter);
          waiter.resolve(message.params);
        }
      }
      return;
    }
    const pending = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (!pending || typeof message.id !== 'number') return;
    clearTimeout(pending.timer);
    this.pending.delete(message.id);
    if (message.error) pending.reject(new ResponseError(pending.method, message.error.code, message.error.message, message.error.data));
    else pending.resolve(message.result);
  }

  /** What an editor answers to the server's own requests. */
  private answer(method: string, params: unknown): unknown {
    if (method === 'workspace/configuration') {
      const items = (params as { items?: { section?: string }[] } | undefined)?.items ?? [];
      return items.map((item) => sectionOf(this.settings, item.section));
    }
    // client/registerCapability, window/workDoneProgress/create, ...: accepted.
    return null;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }
}

/** `fic` or `fic.wordCount` out of a settings object; null when absent, as editors answer. */
function sectionOf(settings: Record<string, unknown>, section: string | undefined): unknown {
  let value: unknown = settings;
  for (const key of section ? section.split('.') : []) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value ?? null;
}
