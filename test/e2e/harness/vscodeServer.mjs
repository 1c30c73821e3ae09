// A real VS Code for one check: VS Code's own server (from code-server's package) on a
// random port, with every folder it writes to in a scratch directory, and headless Chromium
// showing its web workbench. See ../../../../shared/REAL-EDITOR.md for why this route.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';

const LISTENING = /Extension host agent listening on (\d+)/;

/** Scratch folders for one server and its browser: nothing lands in the real HOME or /tmp. */
export function scratch(name, fixtureWorkspace, userSettings = {}) {
  const root = mkdtempSync(join(tmpdir(), `fic-e2e-${name}-`));
  const dirs = {
    root,
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    xdgConfig: join(root, 'xdg', 'config'),
    xdgData: join(root, 'xdg', 'data'),
    xdgCache: join(root, 'xdg', 'cache'),
    xdgState: join(root, 'xdg', 'state'),
    serverData: join(root, 'server-data'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    // A copy: the tests change settings and edit files, the repo's fixtures stay as written.
    workspace: join(root, 'stories'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  cpSync(fixtureWorkspace, dirs.workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_WORKBENCH, ...userSettings }, null, 2) + '\n');
  return dirs;
}

/** VS Code's own settings only (the extension keeps its defaults): no Chat view taking a
 * third of the window, no Welcome page racing the Explorer, nothing reaching for the network. */
const QUIET_WORKBENCH = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

/** The environment for the server, its extension hosts and the browser. */
export function scratchEnv(dirs, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // Run from a VS Code terminal, these would point the server at the outer VS Code.
    if (!/^(VSCODE_|ELECTRON_)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    ...extra,
  };
}

function serverArgs(dirs) {
  return [
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--server-data-dir', dirs.serverData,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
}

/** `--install-extension` into this scratch server's extensions folder, as a user would. */
export function installExtension(tools, dirs, env, vsix, extensionId) {
  const result = spawnSync(tools.node, [tools.serverMain, '--install-extension', vsix, ...serverArgs(dirs)], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`--install-extension could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`--install-extension ${vsix} exited ${result.status}:\n${output}`);
  const installed = readdirSync(dirs.extensions).filter((name) => name.startsWith(`${extensionId}-`));
  if (installed.length !== 1) throw new Error(`expected one ${extensionId}-<version> folder in ${dirs.extensions}, found ${JSON.stringify(installed)}:\n${output}`);
  return output;
}

/**
 * Start the server detached, in its own process group, so stop() ends it together with its
 * extension hosts and the language servers they start.
 */
export async function startServer(tools, dirs, env, { startTimeoutMs = 60_000 } = {}) {
  const args = [
    tools.serverMain,
    '--host', '127.0.0.1',
    '--port', '0',
    '--without-connection-token',
    '--accept-server-license-terms',
    // A built workbench honours the ?payload= test parameters only with this flag.
    '--enable-smoke-test-driver',
    ...serverArgs(dirs),
  ];
  const child = spawn(tools.node, args, { env, cwd: dirs.root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`VS Code server did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = LISTENING.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited (${code}) before listening`));
    });
  }).catch((error) => {
    killGroup(child.pid, 'SIGKILL');
    error.message += `\n--- server output ---\n${output}`;
    throw error;
  });

  return {
    port,
    pid: child.pid,
    output: () => output,
    async stop() {
      killGroup(child.pid, 'SIGTERM');
      const gone = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      // Whatever is left of the group (an extension host slow to exit) goes too.
      killGroup(child.pid, 'SIGKILL');
      return gone;
    },
  };
}

export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function launchBrowser(tools, dirs, env) {
  const require = createRequire(join(tools.playwrightCore, 'package.json'));
  const { chromium } = require(tools.playwrightCore);
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    env,
    // Root, offline: no sandbox, and nothing that phones home (each attempt is a refused
    // connection on these machines).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    timeout: 60_000,
  });
}

/** Lines of the extension host's console that are only this offline machine talking. */
const HOST_NOISE = new RegExp(
  [
    '\\[AgentHost', '\\[ChatModelSelection\\]', '\\[AccountPolicyGate\\]', '\\[Service Worker\\]', '\\[reconnection-grace-time\\]',
    'ENOTFOUND', 'getaddrinfo', 'marketplace', 'gallery', 'telemetry',
    '^Resolv(ing|ed) connection token', '^Creating a socket', '^Creation of workbench contribution',
    '^Updating additional builtin extensions cache', "^Timed out waiting for authentication provider 'github'",
  ].join('|'),
  'i',
);

/**
 * Open the workbench on a folder. With `testsPath`, the extension host runs that mocha
 * entry and `exited` resolves with its exit code.
 */
export async function openWorkbench(browser, port, { workspace, devPath, testsPath, onHostLog = () => {}, verbose = false }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let exit;
  const exited = new Promise((resolve) => (exit = resolve));
  // The smoke-test driver hands the host's console and exit code to these page functions.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = format(...(Array.isArray(args) ? args : [args]));
    if (verbose || !HOST_NOISE.test(line)) onHostLog(line, type);
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));

  const host = `127.0.0.1:${port}`;
  const remote = (path) => `vscode-remote://${host}${path}`;
  const payload = [['skipWelcome', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  return { page, context, exited };
}

/** Best effort evidence for a failure report; never throws. */
export async function saveEvidence(page, server, outDir, name) {
  mkdirSync(outDir, { recursive: true });
  const saved = [];
  if (page) {
    const shot = join(outDir, `${name}-failure.png`);
    try {
      await page.screenshot({ path: shot, timeout: 10_000 });
      saved.push(shot);
    } catch {
      // The page may already be gone.
    }
  }
  if (server) {
    const log = join(outDir, `${name}-server.log`);
    writeFileSync(log, server.output());
    saved.push(log);
  }
  return saved;
}
