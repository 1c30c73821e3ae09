// One phase of test:e2e: a fresh scratch server and browser, a body of checks, and, whatever
// happens, evidence on failure and every process ended. Each check is recorded by name for
// the closing `N passed, N failed` line and the result JSON.

import { rmSync } from 'node:fs';
import {
  installExtension,
  launchBrowser,
  openWorkbench,
  saveEvidence,
  scratch,
  scratchEnv,
  startServer,
} from './vscodeServer.mjs';

/** Cleanups of every phase still running, for the outer timeout and Ctrl+C. */
const running = new Set();

export async function abortAll() {
  await Promise.allSettled([...running].map((cleanup) => cleanup()));
}

export class Results {
  constructor() {
    this.checks = [];
  }
  pass(phase, title) {
    this.checks.push({ phase, title, ok: true });
  }
  fail(phase, title, error) {
    this.checks.push({ phase, title, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
  get passed() {
    return this.checks.filter((c) => c.ok).length;
  }
  get failed() {
    return this.checks.filter((c) => !c.ok).length;
  }
}

class PhaseTimeout extends Error {}

const EXTENSION_ID = 'ficwriter.fic-writer';

/**
 * Run `body` against a workbench. `body` receives { page, exited, dirs, check, report }:
 * check(title, fn) runs one named check and stops the phase at the first failure (later
 * checks build on earlier ones); report(title, ok, error) records a result found elsewhere;
 * exited resolves with the extension host's exit code when a tests path was given.
 */
export async function runPhase(options, body) {
  const { name, tools, fixtures, outDir, results, log, timeoutMs, vsix, devPath, testsPath, env: extraEnv = {}, userSettings = {}, keep = false, verbose = false } = options;
  const dirs = scratch(name, fixtures, userSettings);
  const env = scratchEnv(dirs, extraEnv);
  let server;
  let browser;
  let page;
  let evidenceSaved = false;
  const evidence = async () => {
    if (evidenceSaved) return;
    evidenceSaved = true;
    for (const file of await saveEvidence(page, server, outDir, name)) log(`  saved ${file}`);
  };
  // Set once the phase is being torn down: a server or browser that finishes starting after
  // that (the phase timed out mid-start) is stopped at once instead of outliving the run.
  let aborted = false;
  const cleanup = async () => {
    aborted = true;
    await browser?.close().catch(() => {});
    await server?.stop();
    if (!keep) rmSync(dirs.root, { recursive: true, force: true });
  };
  running.add(cleanup);

  const check = async (title, fn) => {
    const t0 = Date.now();
    try {
      const value = await fn();
      results.pass(name, title);
      log(`  ✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return value;
    } catch (error) {
      results.fail(name, title, error);
      log(`  ✗ ${title}\n      ${String(error instanceof Error ? error.message : error).split('\n').join('\n      ')}`);
      await evidence();
      throw new StopPhase();
    }
  };

  /** Record a result found some other way (the extension host's own test list). */
  const report = async (title, ok, error) => {
    if (ok) return results.pass(name, title);
    results.fail(name, title, error);
    await evidence();
  };

  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new PhaseTimeout(`phase "${name}" took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  const started = Date.now();
  let setupDone = false;
  try {
    await Promise.race([
      deadline,
      (async () => {
        if (vsix) {
          const out = await check(`the packaged extension installs with --install-extension`, () => installExtension(tools, dirs, env, vsix, EXTENSION_ID));
          if (verbose) log(out);
        }
        const t0 = Date.now();
        server = await startServer(tools, dirs, env);
        if (aborted) return void (await server.stop());
        browser = await launchBrowser(tools, dirs, env);
        if (aborted) return void (await browser.close());
        const workbench = await openWorkbench(browser, server.port, { workspace: dirs.workspace, devPath, testsPath, verbose, onHostLog: options.onHostLog });
        page = workbench.page;
        log(`  server on port ${server.port}, page loading (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        setupDone = true;
        await body({ page, dirs, check, report, exited: workbench.exited });
      })(),
    ]);
  } catch (error) {
    if (!(error instanceof StopPhase)) {
      // Setup failed or the phase timed out: that is a failed check of its own.
      const title = error instanceof PhaseTimeout ? 'finishes within its time limit' : setupDone ? 'runs without an unexpected error' : 'starts VS Code and the browser';
      results.fail(name, title, error);
      log(`  ✗ ${error instanceof Error ? error.message : error}`);
      await evidence();
    }
  } finally {
    clearTimeout(timer);
    const stopping = Date.now();
    await cleanup();
    if (verbose) log(`  stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s`);
    running.delete(cleanup);
    if (keep) log(`  kept ${dirs.root}`);
    log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

class StopPhase extends Error {}
