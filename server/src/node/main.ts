// Node entry of the language server: `fic-language-server --stdio` (any editor),
// `--node-ipc` (VS Code) or `--socket=PORT`.

import * as nodeModule from 'node:module';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { FrameReader } from './frameReader';
import { ClientWorkspace } from '../browser/clientWorkspace';
import { startServer, type WorkspaceAdapter, type WorkspaceRequest } from '../server';
import { FsWorkspace, summaryThreads } from './fsWorkspace';
import { historyFiles } from './historyFile';
import { VERSION } from '../version';

const USAGE = `fic-language-server ${VERSION}: the Fic Writer language server.

Usage: fic-language-server --stdio | --node-ipc | --socket=PORT

Editors start it themselves; see the README for Neovim, Helix and Emacs set-ups.
For checks from the command line, use \`fic check FILE...\`.
`;

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
} else if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
  // stderr: an editor that forgot the flag reads stdout as LSP, and shows stderr in its log.
  process.stderr.write(USAGE);
  process.exitCode = 2;
} else {
  const connection = args.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  // The server must outlive any bug in a handler: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
  startServer(connection, { version: VERSION, makeWorkspace, history: historyFiles });
  keepCompiledCode();
}

/** With a compile cache (the one the bin asks for, or NODE_COMPILE_CACHE; Node 22.10 and
 * later), write what was compiled by the time the first stories are counted, rather than
 * only at exit, which a killed server never reaches. */
function keepCompiledCode(): void {
  const { flushCompileCache: flush, getCompileCacheDir } = nodeModule as { flushCompileCache?: () => void; getCompileCacheDir?: () => string | undefined };
  if (!flush || !(getCompileCacheDir?.() ?? process.env.NODE_COMPILE_CACHE)) return;
  setTimeout(() => {
    try {
      flush();
    } catch {
      // A cache that cannot be written costs a slower start next time, nothing else.
    }
  }, 3000).unref();
}

/** The file system, unless the editor offers to list the files itself (then its excluded
 * files are honoured): it lists, and stories on disk are still read from disk. */
function makeWorkspace({ folders, fileRequests, connection }: WorkspaceRequest): WorkspaceAdapter {
  const fs = new FsWorkspace(
    folders.filter((f) => f.startsWith('file:')),
    { workers: summaryThreads() },
  );
  if (!fileRequests) return fs;
  const client = new ClientWorkspace(connection);
  return {
    findFiles: () => client.findFiles(),
    readFile: (uri) => (uri.startsWith('file:') ? fs.readFile(uri) : client.readFile(uri)),
    summarise: (uri, canonical) => (uri.startsWith('file:') ? fs.summarise(uri, canonical) : Promise.resolve(undefined)),
    readBytes: async (uri, lend) => (uri.startsWith('file:') ? fs.readBytes(uri, lend) : encodeText(await client.readFile(uri))),
    pause: () => fs.pause(),
    stat: async (uri) => (uri.startsWith('file:') ? fs.stat(uri) : null),
    problem: (uri) => (uri.startsWith('file:') ? fs.problem(uri) : client.lastProblem),
    onDidChangeFiles: client.onDidChangeFiles,
    fire: (changes) => client.fire(changes),
  };
}

/** The editor's text as bytes, for an index that reads bytes: only stories outside the
 * file system (remote, virtual) come this way. */
function encodeText(text: string | null): Uint8Array | null {
  return text === null ? null : new TextEncoder().encode(text);
}

/** Over stdio, frames are read by our FrameReader, which survives a bad Content-Length
 * or a garbled body where vscode-jsonrpc's reader loses every later message. What the
 * library did for stdio besides reading is done here too: stray console output goes to
 * the log (stdout is the protocol), and the server exits when the editor closes stdin. */
function stdioConnection(): Connection {
  // Frames are read only once the connection listens, so problems always have a log.
  let warn: (line: string) => void = (line) => {
    process.stderr.write(`${line}\n`);
  };
  const reader = new FrameReader(process.stdin, (problem) => warn(`refused input: ${problem}`));
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  const log = connection.console;
  warn = (line) => log.warn(line);
  console.log = console.info = console.debug = (...args: unknown[]) => log.log(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  const exit = () => process.exit(reader.sawShutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  return connection;
}
