// One build for both halves and both platforms, from the same sources. The desktop client
// (vscode stays external, the host provides it) and the server and CLI (fully bundled, so
// `node dist/server/main.js --stdio` runs from a plain checkout with no node_modules beside
// it); and for VS Code on the web, the browser client and the server as a Web Worker script.
import * as esbuild from 'esbuild';
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** vscode.dev loads the web bundles over the network: each must stay small. */
const BROWSER_BUNDLE_LIMIT = 500 * 1024;

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

const browser = {
  ...common,
  platform: 'browser',
  // VS Code 1.91's web workbench runs in current browsers; es2022 is what tsc targets too.
  target: 'es2022',
};

const builds = [
  { ...common, entryPoints: { node: 'client/src/node.ts' }, outdir: 'dist/client', external: ['vscode'] },
  {
    ...common,
    entryPoints: { serverMain: 'server/src/node/main.ts', cliMain: 'server/src/cli.ts', summaryWorker: 'server/src/node/summaryWorker.ts' },
    outdir: 'dist/server',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The bins, `fic` and `fic-language-server`: each asks Node for its compile cache, then
  // loads its script (cliMain.js, serverMain.js).
  { ...common, entryPoints: { cli: 'server/src/node/ficBin.ts' }, outdir: 'dist/server', external: ['./cliMain.js'], banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { main: 'server/src/node/serverBin.ts' }, outdir: 'dist/server', external: ['./serverMain.js'], banner: { js: '#!/usr/bin/env node' } },
  // The web extension host loads the client as a CommonJS module with `vscode` provided.
  { ...browser, entryPoints: { browser: 'client/src/browser.ts' }, outdir: 'dist/client', external: ['vscode'] },
  // A Worker runs a classic script: no module system around it.
  { ...browser, format: 'iife', entryPoints: { browser: 'server/src/browser/main.ts' }, outdir: 'dist/server' },
];

const browserBundles = ['dist/client/browser.js', 'dist/server/browser.js'];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  // From an empty dist/: a script a renamed entry left behind would be packaged or run.
  rmSync('dist', { recursive: true, force: true });
  await Promise.all(builds.map((options) => esbuild.build(options)));
  // The bins are run directly by editors and by npm's bin links.
  for (const bin of ['dist/server/main.js', 'dist/server/cli.js']) chmodSync(bin, 0o755);
  const sizes = browserBundles.map((file) => ({ file, bytes: statSync(file).size }));
  console.log(`built dist/ (${production ? 'production' : 'development'}); web bundles: ${sizes.map(({ file, bytes }) => `${file} ${(bytes / 1024).toFixed(1)} KB`).join(', ')}`);
  const tooBig = sizes.filter(({ bytes }) => bytes > BROWSER_BUNDLE_LIMIT);
  // Development bundles are unminified; the limit is for what ships.
  if (production && tooBig.length) {
    console.error(`web bundles over ${BROWSER_BUNDLE_LIMIT / 1024} KB: ${tooBig.map(({ file }) => file).join(', ')}`);
    process.exit(1);
  }
}
