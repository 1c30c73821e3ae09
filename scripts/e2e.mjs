#!/usr/bin/env node
// `npm run test:e2e`: the extension inside a real VS Code, offline.
//
//   1. extension-host  the mocha suite (test/e2e/suite) in VS Code's Node extension host,
//                      the extension loaded from this folder
//   2. ui              the same folder, checked through the page: an empty story's hint,
//                      Explorer, status bar, typing, squiggle, Ctrl+Space
//   3. progress        goals through the page: the goal item, typing, a window reload that
//                      keeps the day's writing, the Show Progress view (screenshot)
//   4. vsix            fic-writer.vsix installed with --install-extension into a fresh
//                      server, the same page checks (its screenshot is the README's), then
//                      its icon on the tile in the Extensions view
//
// VS Code comes from the npm package code-server (scripts/provision-e2e.mjs installs it into
// .tools/). Each phase gets its own server on a random port and scratch HOME/TMPDIR/XDG dirs.
// Results: test-results/e2e-result.json; on failure also a screenshot and the server log.
//
// Env: UPDATE_SCREENSHOT=1 copies the vsix phase's screenshots to docs/images/ (fic-writer.png,
// ao3-preview.png, ao3-preview-chapter.png);
// E2E_ONLY=ui,vsix runs some phases; E2E_ONLY=themes (never run otherwise) saves screenshots
// of test/e2e/fixtures/colours in VS Code's default, Dark Modern and Light Modern themes; FIC_E2E_GREP=text narrows the in-host suite;
// E2E_TIMEOUT_MS (whole run, default 600000), E2E_PHASE_TIMEOUT_MS (default 180000);
// E2E_KEEP=1 keeps the scratch dirs; E2E_VERBOSE=1 shows all of the host's console;
// E2E_ALLOW_STALE=1 runs even when dist/, the .vsix or out/ are older than their sources.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provision, ProvisionError } from './provision-e2e.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repo, 'test-results');
const fixtures = join(repo, 'test/e2e/fixtures/workspace');
const vsix = join(repo, 'fic-writer.vsix');
const suitePath = join(repo, 'out/test/e2e/suite');
const screenshotFor = { ui: join(outDir, 'ui-development.png'), vsix: join(outDir, 'fic-writer.png'), empty: join(outDir, 'empty-story.png'), tile: join(outDir, 'extension-tile.png'), ao3: join(outDir, 'ao3-preview.png'), ao3Chapter: join(outDir, 'ao3-preview-chapter.png'), ao3Several: join(outDir, 'ao3-preview-several.png'), progress: join(outDir, 'progress-view.png') };
const progressFixtures = join(repo, 'test/e2e/fixtures/progress');
const readmeScreenshot = join(repo, 'docs/images/fic-writer.png');
const readmeAo3Screenshot = join(repo, 'docs/images/ao3-preview.png');
const readmeAo3ChapterScreenshot = join(repo, 'docs/images/ao3-preview-chapter.png');

const outerTimeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? 600_000);
const phaseTimeoutMs = Number(process.env.E2E_PHASE_TIMEOUT_MS ?? 180_000);
const only = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(',').map((s) => s.trim())) : null;
const keep = process.env.E2E_KEEP === '1';
const verbose = process.env.E2E_VERBOSE === '1';

const started = Date.now();
const log = (line) => console.log(line);
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

class SetupError extends Error {}

const INSTALL = 'npm ci && npm run build && npm run package';

/** Everything the phases load must exist and be newer than what it is built from. */
function preflight() {
  const need = [
    ['dist/client/node.js', INSTALL],
    ['dist/server/main.js', INSTALL],
    ['fic-writer.vsix', INSTALL],
    ['out/test/e2e/suite/index.js', 'npx tsc -b'],
    ['out/test/e2e/expected.js', 'npx tsc -b'],
  ];
  const missing = need.filter(([file]) => !existsSync(join(repo, file)));
  if (missing.length) {
    throw new SetupError(
      `missing ${missing.map(([f]) => f).join(', ')}. Build first, as the README says:\n    ${[...new Set(missing.map(([, how]) => how))].join('\n    ')}`,
    );
  }
  const stale = [
    staleAgainst('dist/client/node.js', ['client/src', 'server/src'], 'npm run build && npm run package'),
    staleAgainst('fic-writer.vsix', ['client/src', 'server/src', 'package.json', 'snippets', 'syntaxes', 'language-configuration.json'], 'npm run package'),
    ...staleTests(),
  ].filter(Boolean);
  if (!stale.length) return;
  // For a quick rerun while sources are mid-edit; the warning stays on screen.
  if (process.env.E2E_ALLOW_STALE === '1') for (const line of stale) log(`e2e: warning: ${line}`);
  else throw new SetupError(stale.join('\n'));
}

function newest(path) {
  if (!existsSync(path)) return { time: 0, file: path };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { time: stat.mtimeMs, file: path };
  let best = { time: 0, file: path };
  for (const entry of readdirSync(path)) {
    const candidate = newest(join(path, entry));
    if (candidate.time > best.time) best = candidate;
  }
  return best;
}

function staleAgainst(built, sources, how) {
  const builtTime = statSync(join(repo, built)).mtimeMs;
  const source = sources.map((s) => newest(join(repo, s))).reduce((a, b) => (b.time > a.time ? b : a));
  if (source.time <= builtTime) return null;
  return `${built} is older than ${relative(repo, source.file)}: run ${how}, then npm run test:e2e again.`;
}

// A file of several chapter headings, for the preview that follows the cursor.

/** Each compiled test file against its source (tsc only rewrites what changed). */
function staleTests() {
  const sources = [join(repo, 'test/e2e/expected.ts'), ...readdirSync(join(repo, 'test/e2e/suite')).map((f) => join(repo, 'test/e2e/suite', f))];
  return sources
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const compiled = join(repo, 'out', relative(repo, file)).replace(/\.ts$/, '.js');
      if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(file).mtimeMs) return null;
      return `${relative(repo, compiled)} is missing or older than ${relative(repo, file)}: run npx tsc -b, then npm run test:e2e again.`;
    });
}

/** Mocha's own lines from the extension host, indented under the phase. */
function hostLine(line) {
  for (const part of line.split('\n')) log(`    ${part}`);
}

async function main() {
  const { Results, runPhase, abortAll } = await import('../test/e2e/harness/phase.mjs');
  const { storyChecks, emptyStoryChecks, extensionTileChecks } = await import('../test/e2e/harness/storyChecks.mjs');
  const { ao3PreviewChecks, ao3ChapterChecks, ao3SeveralChaptersChecks } = await import('../test/e2e/harness/ao3Checks.mjs');
  const { progressChecks } = await import('../test/e2e/harness/progressChecks.mjs');
  const results = new Results();

  const finish = (extraFailure) => {
    if (extraFailure) results.fail('run', extraFailure.title, extraFailure.error);
    mkdirSync(outDir, { recursive: true });
    const summary = { passed: results.passed, failed: results.failed, seconds: Number(seconds()), checks: results.checks };
    writeFileSync(join(outDir, 'e2e-result.json'), JSON.stringify(summary, null, 2) + '\n');
    for (const c of results.checks.filter((c) => !c.ok)) log(`FAILED ${c.phase}: ${c.title}\n    ${c.error.split('\n').join('\n    ')}`);
    log(`e2e: ${seconds()} s, results in ${relative(repo, join(outDir, 'e2e-result.json'))}`);
    log(`${results.passed} passed, ${results.failed} failed`);
    return results.failed === 0 && results.passed > 0 ? 0 : 1;
  };

  const watchdog = setTimeout(async () => {
    log(`e2e: the whole run took longer than ${outerTimeoutMs} ms; stopping every server`);
    await abortAll();
    process.exit(finish({ title: `test:e2e finishes within ${outerTimeoutMs} ms`, error: 'outer timeout (E2E_TIMEOUT_MS)' }) || 1);
  }, outerTimeoutMs);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      log(`e2e: ${signal}, stopping every server`);
      await abortAll();
      process.exit(130);
    });
  }

  let tools;
  try {
    tools = provision({ log: (line) => log(`provision: ${line}`) });
    preflight();
  } catch (error) {
    if (!(error instanceof ProvisionError || error instanceof SetupError)) throw error;
    log(`e2e: ${error.message}`);
    clearTimeout(watchdog);
    return finish({ title: 'a real VS Code and a built extension are available', error: error.message });
  }
  log(`e2e: VS Code ready (${seconds()} s)`);

  // Compiled from test/e2e/expected.ts: the fixture numbers the in-host suite uses too.
  const { STORY, TYPED, LANTERN, NIGHTS } = createRequire(import.meta.url)(join(repo, 'out/test/e2e/expected.js'));
  mkdirSync(outDir, { recursive: true });
  for (const file of ['ui-failure.png', 'vsix-failure.png', 'extension-host-failure.png', 'progress-failure.png', 'ui-server.log', 'vsix-server.log', 'extension-host-server.log', 'progress-server.log']) {
    rmSync(join(outDir, file), { force: true });
  }
  const common = { tools, fixtures, outDir, results, log, timeoutMs: phaseTimeoutMs, keep, verbose };
  const wanted = (phase) => !only || only.has(phase);

  if (wanted('extension-host')) {
    log('\nextension-host: the mocha suite inside VS Code');
    const resultFile = join(outDir, 'extension-host.json');
    rmSync(resultFile, { force: true });
    await runPhase(
      { ...common, name: 'extension-host', devPath: repo, testsPath: suitePath, env: { FIC_E2E_RESULT: resultFile }, onHostLog: hostLine },
      async ({ exited, report }) => {
        const code = await exited;
        if (!existsSync(resultFile)) {
          await report('the suite runs and writes its result', false, `the extension host exited ${code} without writing ${resultFile}`);
          return;
        }
        const suite = JSON.parse(readFileSync(resultFile, 'utf8'));
        for (const title of suite.passed) await report(title, true);
        for (const f of suite.failed) await report(f.title, false, f.error);
        if (code !== 0 && suite.failed.length === 0) await report('the extension host exits cleanly', false, `exit code ${code}`);
      },
    );
  }

  if (wanted('ui')) {
    log('\nui: the development folder, through the page');
    await runPhase({ ...common, name: 'ui', devPath: repo }, async ({ page, check, dirs }) => {
      // Only this phase's scratch copy gets the empty story: the fixtures stay as they are.
      writeFileSync(join(dirs.workspace, 'blank.fic'), '');
      await emptyStoryChecks({ page, check, file: 'blank.fic', screenshot: screenshotFor.empty });
      await storyChecks({ page, check, story: STORY, typed: TYPED, work: LANTERN, screenshot: screenshotFor.ui });
    });
  }

  if (wanted('progress')) {
    log('\nprogress: goals, a window reload, and the progress view, through the page');
    await runPhase({ ...common, fixtures: progressFixtures, name: 'progress', devPath: repo }, ({ page, dirs, check }) =>
      progressChecks({ page, dirs, check, screenshot: screenshotFor.progress }),
    );
    const progressImage = join(repo, 'docs/images/progress.png');
    if (process.env.UPDATE_SCREENSHOT === '1' && existsSync(screenshotFor.progress) && !results.checks.some((c) => c.phase === 'progress' && !c.ok)) {
      copyFileSync(screenshotFor.progress, progressImage);
      log(`  updated ${relative(repo, progressImage)}`);
    }
  }

  if (wanted('vsix')) {
    log('\nvsix: fic-writer.vsix installed into a fresh VS Code');
    await runPhase({ ...common, name: 'vsix', vsix }, async ({ page, check, dirs }) => {
      await storyChecks({ page, check, story: STORY, typed: TYPED, work: LANTERN, screenshot: screenshotFor.vsix, fresh: true });
      await ao3PreviewChecks({ page, check, screenshot: screenshotFor.ao3, rating: STORY.ao3Rating });
      await ao3ChapterChecks({ page, check, work: LANTERN, rating: LANTERN.ao3Rating, screenshot: screenshotFor.ao3Chapter });
      // Only this phase's scratch copy gets it, after the checks that count the folder's stories.
      writeFileSync(join(dirs.workspace, 'nights.fic'), NIGHTS);
      await ao3SeveralChaptersChecks({ page, check, file: 'nights.fic', screenshot: screenshotFor.ao3Several });
      await extensionTileChecks({ page, check, screenshot: screenshotFor.tile });
    });
    if (process.env.UPDATE_SCREENSHOT === '1' && existsSync(screenshotFor.vsix) && !results.checks.some((c) => c.phase === 'vsix' && !c.ok)) {
      mkdirSync(dirname(readmeScreenshot), { recursive: true });
      copyFileSync(screenshotFor.vsix, readmeScreenshot);
      copyFileSync(screenshotFor.ao3, readmeAo3Screenshot);
      copyFileSync(screenshotFor.ao3Chapter, readmeAo3ChapterScreenshot);
      log(`  updated ${relative(repo, readmeScreenshot)}, ${relative(repo, readmeAo3Screenshot)} and ${relative(repo, readmeAo3ChapterScreenshot)}`);
    }
  }

  // Only on request (E2E_ONLY=themes): the colours a writer sees in VS Code's own themes,
  // one screenshot each, to look at.
  if (only?.has('themes')) {
    log('\nthemes: the colour fixture in the default theme, Dark Modern and Light Modern');
    for (const theme of [null, 'Dark Modern', 'Light Modern']) {
      const name = theme ?? 'Default';
      const file = join(outDir, `theme-${name.toLowerCase().replace(/ /g, '-')}.png`);
      await runPhase(
        {
          ...common,
          name: `themes (${name})`,
          devPath: repo,
          fixtures: join(repo, 'test/e2e/fixtures/colours'),
          userSettings: theme ? { 'workbench.colorTheme': theme } : {},
        },
        async ({ page, check }) => {
          await check(`colours.fic in ${name}: ${relative(repo, file)}`, async () => {
            await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
            await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'colours.fic' }).first().click({ timeout: 30_000 });
            // Coloured once the grammar has run: the scene break line has a token colour span.
            await page.locator('.monaco-editor .view-line', { hasText: "It's only paper" }).first().waitFor({ timeout: 15_000 });
            await page.locator('.monaco-editor .view-line span[class*="mtk"]:not(.mtk1)', { hasText: 'only paper' }).first().waitFor({ timeout: 15_000 });
            await page.screenshot({ path: file });
          });
        },
      );
    }
  }

  clearTimeout(watchdog);
  return finish();
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e: ${error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
