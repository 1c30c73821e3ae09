// The language server as every editor starts it (`fic-language-server --stdio` from Neovim,
// Helix, Emacs..., and VS Code's client): the server itself is serverMain.js. As the `fic`
// bin does (ficBin.ts), it first asks Node 22.1 and later to keep compiled code between
// runs, in the temporary folder, so that a server started again skips compiling its 370 KB.
// A cache named in NODE_COMPILE_CACHE is left as it is; an older Node has no cache and the
// server starts as before.

import * as nodeModule from 'node:module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // No cache (a read-only temporary folder): the server is compiled as before.
}
require('./serverMain.js');
