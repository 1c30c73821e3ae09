// Where the repository is, from a compiled test anywhere under out/.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder above `from` with a package.json: the repository root. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
