// The language server as other editors start it (`fic-language-server --stdio` from Neovim,
// Helix, Emacs...): the server itself is serverMain.js. As the `fic` bin does (ficBin.ts),
// it first asks Node 22.1 and later to keep compiled code between runs, in the temporary
// folder, so that a server started again skips compiling its 370 KB. VS Code's client has
// already named a cache in VS Code's own storage (NODE_COMPILE_CACHE, client/src/node.ts),
// which this leaves as it is; an older Node has no cache and the server starts as before.

import * as nodeModule from 'node:module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // No cache (a read-only temporary folder): the server is compiled as before.
}
require('./serverMain.js');
