// Goals through the page, as a writer meets them: a work of two chapters, its Goal line in
// chapter 1 (never opened here) with three weeks of writing history, the goal item in the
// status bar of chapter 2, typing there that moves the item and the work, a window reload
// after which the day's writing is still there, the goal item's tooltip and the Show
// Progress view, whose screenshots are saved to be looked at.

import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openFromExplorer, until, viewLine } from './storyChecks.mjs';

const GOAL_ITEM = '[id="ficwriter.fic-writer.fic.goal"]';
const WORD_ITEM = '[id="ficwriter.fic-writer.fic.wordCount"]';
const EXTENSION_ID = 'ficwriter.fic-writer';

// Our own sentences, repeated into a long story.
const SENTENCES = [
  'The lamp had not gone out in forty years.',
  'Ada climbed the stairs with the oil can knocking against her knee.',
  'Below, the sea worked at the rocks the way it always had.',
  'Mae kept the log in a hand so small it looked like stitching.',
  'Nobody came to the island in winter, and nobody left.',
];

const serverBin = join(fileURLToPath(new URL('../../..', import.meta.url)), 'dist', 'server', 'main.js');

/** Process ids of this checkout's language servers (read from ps; nothing is signalled). */
function serverPids() {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes(serverBin))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

const pad = (n) => String(n).padStart(2, '0');
/** The computer's calendar date, as the server (same machine, same zone) sees the day. */
function localDay(offsetDays) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function endOfNextMonth() {
  const d = new Date();
  const last = new Date(d.getFullYear(), d.getMonth() + 2, 0);
  return `${last.getFullYear()}-${pad(last.getMonth() + 1)}-${pad(last.getDate())}`;
}

function storyText(words, chapter) {
  const body = [];
  let count = 0;
  let paragraph = [];
  for (let i = 0; count < words; i++) {
    const s = SENTENCES[i % SENTENCES.length].split(' ');
    const take = s.slice(0, Math.min(s.length, words - count));
    paragraph.push(take.join(' '));
    count += take.length;
    if (paragraph.length === 6) body.push(paragraph.splice(0).join(' '));
  }
  if (paragraph.length) body.push(paragraph.join(' '));
  const head = chapter === 1
    ? ['Title: The Lighthouse Winter', 'Author: Wren Marsh', 'Fandom: Original Work', 'Rating: General Audiences', 'Chapter: 1/2', `Goal: 20,000 by ${endOfNextMonth()}`]
    : ['Title: The Lighthouse Winter', 'Chapter: 2/2', 'Chapter Title: The Storm'];
  return [...head, '', ...body.flatMap((p) => [p, '']), 'The End'].join('\n') + '\n';
}

/** Three weeks of history for the story, as the server writes it. */
function history(uri, words) {
  const added = [620, 540, 0, 480, 700, 510, 300, 0, 0, 650, 520, 505, 880, 610, 0, 530, 560, 590, 515, 540];
  let total = words - added.reduce((a, b) => a + b, 0);
  return added
    .map((n, i) => {
      total += n;
      return JSON.stringify({ v: 1, work: uri, day: localDay(i - added.length), added: n, removed: Math.round(n / 12), pasted: 0, addedChars: n * 5, removedChars: 0, pastedChars: 0, words: total, chars: total * 5, goal: 500, unit: 'words' });
    })
    .join('\n') + '\n';
}

async function itemText(page, selector) {
  const item = page.locator(selector);
  return (await item.count()) ? (await item.first().innerText()).replace(/[\u2007\u2008]/g, '').replace(/\s+/g, ' ').trim() : '';
}

async function waitForGoal(page, expected, timeoutMs = 20_000) {
  let seen = '';
  await until(`goal item "${expected}"`, async () => {
    seen = await itemText(page, GOAL_ITEM);
    return seen === expected;
  }, timeoutMs).catch(() => assert.fail(`the goal item should read "${expected}", it reads "${seen}"`));
}

export async function progressChecks({ page, check, dirs, screenshot }) {
  const first = 'winter-01.fic';
  const file = 'winter-02.fic';
  const words = 12000;
  const secondWords = 2000;
  const uri = pathToFileURL(join(dirs.workspace, first)).href;
  // Before the extension starts: the work, and chapter 1's history where the extension keeps it.
  writeFileSync(join(dirs.workspace, first), storyText(words, 1));
  writeFileSync(join(dirs.workspace, file), storyText(secondWords, 2));
  const storage = join(dirs.userData, 'User', 'globalStorage', EXTENSION_ID);
  mkdirSync(storage, { recursive: true });
  const historyFile = join(storage, 'progress.jsonl');
  writeFileSync(historyFile, history(uri, words));

  await check('the workbench loads', () => page.locator('.monaco-workbench').waitFor({ timeout: 60_000 }));
  await check(`${file} opens from the Explorer`, () => openFromExplorer(page, file));
  await check('the goal item reads 0 / 500 today beside the word count of chapter 2', async () => {
    await waitForGoal(page, '0 / 500 today');
    assert.match(await itemText(page, WORD_ITEM), /2,000/);
  });

  const typed = ' Ada trimmed the wick and wrote the date in the log.';
  await check('typing moves the goal item to 11 / 500 today', async () => {
    // The end of the last paragraph: up from the story's end, past `The End` and a blank line.
    await viewLine(page, 'Title:').click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.type(typed, { delay: 5 });
    await waitForGoal(page, '11 / 500 today');
  });

  await check('the goal item\'s tooltip shows the work, its target from chapter 1, and the whole work\'s words', async () => {
    await page.locator(GOAL_ITEM).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Work target' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /Work The Lighthouse Winter, 2 chapters/);
    assert.match(text, /Written today in this work 11 words/);
    assert.match(text, /Work target 14,011 of 20,000 words by/);
    await page.screenshot({ path: join(dirname(screenshot), 'progress-tooltip.png') });
    await page.mouse.move(400, 300);
  });

  await check('the history file holds the new writing, beside the old', async () => {
    // Records add up: typing may reach the file in more than one.
    const today = () =>
      readFileSync(historyFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes(`"day":"${localDay(0)}"`))
        .reduce((sum, line) => sum + JSON.parse(line).added, 0);
    await until('11 words for today in the history file', async () => existsSync(historyFile) && today() === 11);
    assert.ok(readFileSync(historyFile, 'utf8').startsWith(history(uri, words)), 'the old records are untouched: only appended to');
  });

  await check('after a window reload the day\'s writing is still counted', async () => {
    const before = serverPids();
    assert.ok(before.length > 0, `no language server running from ${serverBin}`);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The reloaded window reopens the story; its text was not saved, so it is back to disk's.
    const tab = page.locator('.tabs-container .tab', { hasText: file });
    if (!(await tab.count())) await openFromExplorer(page, file);
    else await tab.first().click();
    // A reloaded window starts the extension host and the server again: on a busy machine
    // that takes longer than a keystroke's update.
    await waitForGoal(page, '11 / 500 today', 60_000);
    // The figure came from the file: the server that counted the typing is gone.
    let after = [];
    await until('a new language server in place of the old one', async () => {
      after = serverPids();
      return after.length > 0 && after.every((pid) => !before.includes(pid));
    }).catch(() => assert.fail(`the reload should have started a new language server (before ${before}, after ${after})`));
  });

  await check('Fic: Show Progress opens the charts', async () => {
    await page.keyboard.press('F1');
    await page.keyboard.type('Fic: Show Progress', { delay: 5 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Progress' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('svg.fic-chart').nth(2).waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('svg.fic-chart').count(), 3);
    const rows = await view.locator('table').first().innerText();
    assert.match(rows, /Written today, all works\s+11 words/);
    assert.match(rows, /Streak\s+5 days/);
    assert.match(rows, /Work target\s+14,011 of 20,000 words/);
  });

  await check(`a screenshot of the progress view is saved (${screenshot})`, () => page.screenshot({ path: screenshot }));
}
