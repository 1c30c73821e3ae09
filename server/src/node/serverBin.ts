// The language server as started (`fic-language-server`, and by Fic Writer's client in VS
// Code): the server itself is serverMain.js. As the `fic` bin does (ficBin.ts), it first
// asks Node 22.1 and later to keep compiled code between runs, so that a server started
// again (every VS Code window) skips compiling its 370 KB. VS Code's own Node is new
// enough; an older Node has no such function and the server starts as before.

import * as nodeModule from 'node:module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // No cache (a read-only temporary folder): the server is compiled as before.
}
require('./serverMain.js');
