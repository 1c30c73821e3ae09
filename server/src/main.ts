// Node entry of the language server: `fic-language-server --stdio` (any editor),
// `--node-ipc` (VS Code) or `--socket=PORT`.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { VERSION } from './version';

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
  const connection = createConnection(ProposedFeatures.all);
  // The server must outlive any bug in a handler: log it and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
  startServer(connection, { version: VERSION });
}
