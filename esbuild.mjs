// One build for both halves: the client (vscode stays external, the host provides it)
// and the server and CLI (fully bundled, so `node dist/server/main.js --stdio` runs
// from a plain checkout with no node_modules beside it).
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { FIC_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: { node: 'client/src/node.ts' }, outdir: 'dist/client', external: ['vscode'] },
  {
    ...common,
    entryPoints: { main: 'server/src/node/main.ts', cli: 'server/src/cli.ts' },
    outdir: 'dist/server',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The bins are run directly by editors and by npm's bin links.
  for (const bin of ['dist/server/main.js', 'dist/server/cli.js']) chmodSync(bin, 0o755);
  console.log(`built dist/ (${production ? 'production' : 'development'})`);
}
