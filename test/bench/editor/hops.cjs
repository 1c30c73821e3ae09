// bench:editor's hop logger. The probe extension loads it into the extension host (VS Code
// clears NODE_OPTIONS for that process), where it wraps child_process.fork so that Fic
// Writer's language server starts with it preloaded too. Both then write a line for each
// LSP message crossing the IPC channel between them, with the wall-clock time (the page's
// clock too: one machine), so the bench can say where the time between a keystroke and its
// count went. Inert without FIC_BENCH_HOPS.

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

  if (isServer) {
    process.prependListener('message', (msg) => {
      const d = describe(msg);
      if (d) write({ t: now(), dir: 'recv', ...d });
    });
    process.send = sent(process.send);
  } else {
    const cp = require('node:child_process');
    const fork = cp.fork;
    cp.fork = function (modulePath, args, options, ...rest) {
      const ours = /dist[\\/]server[\\/]main\.js$/.test(String(modulePath));
      if (ours) options = { ...options, execArgv: [...(options?.execArgv ?? []), '--require', __filename] };
      const child = fork.call(this, modulePath, args, options, ...rest);
      if (ours) {
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
  if (isServer) write({ t: now(), dir: 'start', m: 'server process running' });
}
