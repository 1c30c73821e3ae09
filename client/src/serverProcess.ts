// The desktop's language server process (Node only). The client library would fork it
// itself, but only once activate() runs; VS Code calls that once it has loaded the
// extension's script and prepared its context (storage it reads through the window),
// which kept a first start waiting 60-460 ms in bench:editor. EarlyServer forks the server
// as the script loads, so that it is up when the client asks; node.ts then takes it.

import { fork, type ChildProcess } from 'node:child_process';

/** The extension host runs under a debugger (an extension developer's session): the
 * server is then started to be debugged too, as the client library does. */
export function hostIsDebugged(): boolean {
  return process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));
}

/** Forks the server (`dist/server/main.js`) as the client library would for stdio: its
 * stdin and stdout carry LSP, stderr goes to the log. */
export function forkServer(module: string, debug = hostIsDebugged()): ChildProcess {
  return fork(module, ['--stdio', `--clientProcessId=${process.pid}`], {
    // Pipes for stdin, stdout and stderr rather than the host's own.
    silent: true,
    // Not the extension host's flags (its inspector port, say): only ours.
    execArgv: debug ? ['--nolazy', '--inspect=6010'] : [],
    // The desktop's extension host runs on Electron: this makes the fork a plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' },
  });
}

/** A server forked before anyone asked for it, given once to whoever asks first. */
export class EarlyServer {
  private waiting: ChildProcess | undefined;
  private readonly timer: ReturnType<typeof setTimeout>;

  /** Forks now. A server nobody takes within `unclaimedMs` is ended: activation failed. */
  static start(module: string, unclaimedMs = 30_000): EarlyServer | undefined {
    try {
      return new EarlyServer(forkServer(module), unclaimedMs);
    } catch {
      // Not even a fork (no such file, no processes left): activate() forks and reports.
      return undefined;
    }
  }

  private constructor(child: ChildProcess, unclaimedMs: number) {
    this.waiting = child;
    const gone = () => {
      if (this.waiting === child) this.waiting = undefined;
    };
    // A failed spawn is reported here, not thrown: without a listener it would take the
    // extension host down. Whoever asks next gets a fresh fork instead.
    child.once('error', gone);
    child.once('exit', gone);
    this.timer = setTimeout(() => this.end(), unclaimedMs);
    this.timer.unref();
  }

  /** The waiting server's process id (undefined once it is taken or gone). */
  get pid(): number | undefined {
    return this.waiting?.pid;
  }

  /** The early server while it still runs, once; undefined after that (fork another). */
  take(): ChildProcess | undefined {
    clearTimeout(this.timer);
    const child = this.waiting;
    this.waiting = undefined;
    return child && child.exitCode === null && child.signalCode === null ? child : undefined;
  }

  private end(): void {
    this.waiting?.kill();
    this.waiting = undefined;
  }
}
