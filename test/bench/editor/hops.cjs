// bench:editor's hop logger. The probe extension loads it into the extension host (VS Code
// clears NODE_OPTIONS for that process), where it wraps child_process.fork so that Fic
// Writer's language server starts with it preloaded too. Both then write a line for each
// LSP message crossing between them (over stdio, as the client runs the server, or over the
// IPC channel of older builds), with the wall-clock time (the page's clock too: one
// machine), so the bench can say where the time between a keystroke and its count went.
// Inert without FIC_BENCH_HOPS.

const { appendFileSync } = require('node:fs');

const file = process.env.FIC_BENCH_HOPS;
const isServer = process.argv.some((a) => /dist[\\/]server[\\/]main\.js$/.test(a));
const isHost = !isServer;

if (file && (isHost || isServer)) {
  const now = () => performance.timeOrigin + performance.now();
  const who = isHost ? 'host' : 'server';
  const describe = (msg) => {
    if (!msg || typeof msg !== 'object') return null;
    const params = msg.params ?? msg.result ?? {};
    const doc = params.textDocument ?? params;
    return {
      m: msg.method ?? `response ${msg.id}`,
      id: msg.id,
      uri: typeof doc?.uri === 'string' ? doc.uri.split('/').pop() : undefined,
      v: typeof doc?.version === 'number' ? doc.version : undefined,
      chars: typeof doc?.text === 'string' ? doc.text.length : undefined,
    };
  };
  const write = (entry) => appendFileSync(file, `${JSON.stringify({ p: who, ...entry })}\n`);
  const sent = (send) =>
    function (msg, ...rest) {
      const t = now();
      const result = send.call(this, msg, ...rest);
      const d = describe(msg);
      if (d) write({ t, dir: 'send', sendMs: now() - t, ...d });
      return result;
    };

  // Over stdio the messages are LSP frames in a byte stream: each is described from the
  // first bytes of its body (method, id, uri, version), never parsed whole, so that a 6 MB
  // story costs the logger nothing worth timing.
  const head = (body) => {
    const text = body.subarray(0, 600).toString('latin1');
    const pick = (re) => re.exec(text)?.[1];
    const method = pick(/"method":"([^"]+)"/);
    const id = pick(/^\{"jsonrpc":"2\.0","id":(\d+)/) ?? pick(/"id":(\d+)/);
    const uri = pick(/"uri":"([^"]+)"/);
    const version = pick(/"version":(-?\d+)/);
    return {
      m: method ?? `response ${id}`,
      id: id === undefined ? undefined : Number(id),
      uri: uri?.split('/').pop(),
      v: version === undefined ? undefined : Number(version),
      chars: method === 'textDocument/didOpen' ? body.length : undefined,
    };
  };
  /** Calls `each(body)` for every whole frame of the chunks fed to it. A frame's chunks are
   * joined once, when it is complete (joining at every chunk would cost a 6 MB story
   * seconds, and the server's timing with it). */
  const frames = (each) => {
    let chunks = [];
    let total = 0;
    let need = -1;
    let bodyStart = 0;
    const joined = () => {
      const one = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      chunks = [one];
      return one;
    };
    return (chunk) => {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (!bytes.length) return;
      chunks.push(bytes);
      total += bytes.length;
      for (;;) {
        if (need < 0) {
          const all = joined();
          const end = all.indexOf('\r\n\r\n');
          if (end < 0) return;
          const length = Number(/Content-Length: *(\d+)/i.exec(all.subarray(0, end).toString('latin1'))?.[1]);
          if (!(length >= 0)) {
            chunks = [];
            total = 0;
            return;
          }
          bodyStart = end + 4;
          need = bodyStart + length;
        }
        if (total < need) return;
        const all = joined();
        each(all.subarray(bodyStart, need));
        const rest = all.subarray(need);
        chunks = rest.length ? [rest] : [];
        total = rest.length;
        need = -1;
      }
    };
  };
  const watchStream = (readable, writable) => {
    const received = frames((body) => write({ t: now(), dir: 'recv', ...head(body) }));
    readable.prependListener('data', received);
    let writing = 0;
    const sentFrames = frames((body) => write({ t: writing, dir: 'send', sendMs: now() - writing, ...head(body) }));
    const original = writable.write;
    writable.write = function (chunk, ...rest) {
      writing = now();
      const result = original.call(this, chunk, ...rest);
      sentFrames(typeof chunk === 'string' ? Buffer.from(chunk, typeof rest[0] === 'string' ? rest[0] : 'utf8') : chunk);
      return result;
    };
  };

  if (isServer) {
    if (process.argv.includes('--stdio')) watchStream(process.stdin, process.stdout);
    process.prependListener('message', (msg) => {
      const d = describe(msg);
      if (d) write({ t: now(), dir: 'recv', ...d });
    });
    process.send = sent(process.send);
  } else {
    // When the extension host loads Fic Writer's client, and how long that takes: the part
    // of a first start before the server is forked.
    // A build with marks in it (an experiment) calls this at each step of its start.
    globalThis.__ficMark = (m) => write({ t: now(), dir: 'mark', m });
    // Loaded by the probe as VS Code activates it ('*': as soon as the extension host runs).
    write({ t: now(), dir: 'host', m: 'extension host running (the probe activated)' });
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, parent, ...rest) {
      const ours = /dist[\\/]client[\\/]node\.js$/.test(String(request));
      if (ours) write({ t: now(), dir: 'load', m: 'client module loading' });
      const result = load.call(this, request, parent, ...rest);
      if (ours) write({ t: now(), dir: 'loaded', m: 'client module loaded' });
      return result;
    };
    const cp = require('node:child_process');
    const fork = cp.fork;
    cp.fork = function (modulePath, args, options, ...rest) {
      const ours = /dist[\\/]server[\\/]main\.js$/.test(String(modulePath));
      // FIC_BENCH_SERVER_PROF=folder (an experiment): the server writes a CPU profile there as it exits.
      const prof = process.env.FIC_BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.FIC_BENCH_SERVER_PROF}`] : [];
      if (ours) options = { ...options, execArgv: [...(options?.execArgv ?? []), ...prof, '--require', __filename] };
      const child = fork.call(this, modulePath, args, options, ...rest);
      if (ours) {
        if ((args ?? []).includes('--stdio') && child.stdout && child.stdin) watchStream(child.stdout, child.stdin);
        child.send = sent(child.send);
        child.prependListener('message', (msg) => {
          const d = describe(msg);
          if (d) write({ t: now(), dir: 'recv', ...d });
        });
        write({ t: now(), dir: 'fork', m: 'server process forked' });
      }
      return child;
    };
  }
  if (isServer) {
    write({ t: now(), dir: 'start', m: 'server process running' });
    globalThis.__ficMark = (m) => write({ t: now(), dir: 'mark', m });
  }
  // Profiled (FIC_BENCH_SERVER_PROF): the session ends with SIGTERM to every process, which
  // would end the server without its profile; exiting writes it.
  if (isServer && process.env.FIC_BENCH_SERVER_PROF) process.on('SIGTERM', () => process.exit(0));
  // FIC_BENCH_HOST_PROF=folder (an experiment): the extension host's CPU profile for
  // FIC_BENCH_HOST_PROF_MS (default 20 s) from the probe's activation, its start on the
  // wall clock in the hops file.
  if (isHost && process.env.FIC_BENCH_HOST_PROF) {
    const inspector = require('node:inspector');
    const session = new inspector.Session();
    session.connect();
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 200 });
    session.post('Profiler.start', () => write({ t: now(), dir: 'prof', m: 'host profile started' }));
    setTimeout(() => {
      session.post('Profiler.stop', (error, result) => {
        if (!error) require('node:fs').writeFileSync(require('node:path').join(process.env.FIC_BENCH_HOST_PROF, `host-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
        session.disconnect();
      });
    }, Number(process.env.FIC_BENCH_HOST_PROF_MS ?? 20_000)).unref();
  }
}
