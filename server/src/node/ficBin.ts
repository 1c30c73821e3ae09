// The `fic` command as installed: the CLI itself is cliMain.js. Node 22.1 and later can keep
// a script's compiled code between runs (the same cache `tsc` asks for); asked for here,
// before the CLI is loaded, a run skips compiling it (about 10 ms of each run). An older
// Node has no such function, and the CLI runs as before.

import * as nodeModule from 'node:module';

try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // No cache (a read-only temporary folder): the CLI is compiled as before.
}
require('./cliMain.js');
