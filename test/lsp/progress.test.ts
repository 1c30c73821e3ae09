// Progress over the wire: the built server records what is typed into the history file
// it is given, pushes fic/progressChanged, takes undone writing back when the client says
// so, and a new server (after a clean exit or a crash) reads the same history back.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { ProgressReport, ProgressSummary } from '../../server/src/protocol';
import { LspClient, DEFAULT_DEADLINE_MS, ResponseError } from '../support/lspClient';
import { assertNoServerErrors, changeStory, openStory, uniqueUri } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'fic-progress-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const STORY = 'Title: Salt\nAuthor: Wren Marsh\nGoal: 1,000 by 2099-12-31\n\nThe tide came in.\n';
const LAST_LINE = 4;

function start(file: string, goals: Record<string, unknown> = {}): Promise<LspClient> {
  return LspClient.start({ initializationOptions: { progressFile: file }, settings: { fic: { goals: { dailyWords: 10, ...goals } } } });
}

/** Type `text` at the end of the story's last line as one change. */
function typeAt(client: LspClient, uri: string, version: number, column: number, text: string) {
  const at = { line: LAST_LINE, character: column };
  return changeStory(client, uri, version, [{ range: { start: at, end: at }, text }]);
}

function progressWhere(client: LspClient, uri: string, check: (p: ProgressSummary) => boolean): Promise<ProgressSummary> {
  return client.waitForNotification<ProgressSummary>('fic/progressChanged', (p) => p.uri === uri && check(p));
}

/** The file once it holds what `check` wants: the server appends within a couple of seconds. */
async function fileWhere(file: string, check: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + DEFAULT_DEADLINE_MS;
  for (;;) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if (check(text)) return text;
    if (Date.now() > deadline) assert.fail(`the history file never got there; it holds:\n${text}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A server with a history file of its own, `name`.fic open and its first goal figures in;
 * `pushed()` is the `added` of every goal push for it so far. */
async function openWatched(name: string): Promise<{ client: LspClient; uri: string; pushed: () => number[] }> {
  const uri = uniqueUri(`${name}.fic`);
  const client = await start(join(dir, name, 'progress.jsonl'));
  const pushed = () => client.notifications.filter((n) => n.method === 'fic/progressChanged' && (n.params as ProgressSummary).uri === uri).map((n) => (n.params as ProgressSummary).added);
  try {
    const opened = progressWhere(client, uri, () => true);
    await openStory(client, uri, STORY);
    await opened;
  } catch (error) {
    await client.close();
    throw error;
  }
  return { client, uri, pushed };
}

describe('the writing history over the wire', () => {
  test('typing is recorded, pushed, and read back by the next server', async () => {
    const file = join(dir, 'clean', 'progress.jsonl');
    const uri = uniqueUri('salt.fic');
    let client = await start(file);
    const opened = progressWhere(client, uri, () => true);
    await openStory(client, uri, STORY);
    const first = await opened;
    assert.deepEqual([first.added, first.dailyGoal, first.goalMet, first.target?.target, first.target?.current], [0, 10, false, 1000, 4]);
    const typed = progressWhere(client, uri, (p) => p.added === 6);
    await typeAt(client, uri, 2, 17, ' Gulls over the grey stones.');
    await typeAt(client, uri, 3, 45, ' Then');
    const summary = await typed;
    assert.equal(summary.goalMet, false);
    assert.equal(summary.target?.remaining, 1000 - 10);
    const done = progressWhere(client, uri, (p) => p.goalMet);
    await typeAt(client, uri, 4, 50, ' night fell, and the lamp');
    assert.equal((await done).added, 11);
    assertNoServerErrors(client);
    await client.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.ok(lines.every((l) => JSON.parse(l).work === uri), 'one work, JSON lines');

    client = await start(file);
    await openStory(client, uri, STORY);
    const again = await client.request<ProgressSummary>('fic/progress', { textDocument: { uri } });
    assert.deepEqual([again.added, again.goalMet, again.streak], [11, true, 1]);
    const report = await client.request<ProgressReport>('fic/progressReport', { textDocument: { uri } });
    assert.equal(report.days.length, 30);
    assert.equal(report.days[29]?.added, 11);
    assert.match(report.charts.daily, /^<svg/);
    const csv = await client.request<string>('fic/progressCsv', { textDocument: { uri } });
    assert.match(csv, /^date,words added,/);
    assert.match(csv, new RegExp(`\\r\\n${report.summary.day},11,0,11,0,4,11,10,yes\\r\\n`));
    await client.close();
  });

  test('a letter inside a word pushes no goal figures: they are the same; the next word does', async () => {
    const { client, uri, pushed } = await openWatched('same');
    try {
      const one = progressWhere(client, uri, (p) => p.added === 1);
      await typeAt(client, uri, 2, 17, ' Gull');
      await one;
      // The letter's count is pushed (its characters changed); its goal figures are not. A
      // request after it is answered once the server has had its turn to push them, if it
      // would: the next word is typed only then.
      await typeAt(client, uri, 3, 22, 's');
      const asked = await client.request<ProgressSummary>('fic/progress', { textDocument: { uri } });
      assert.equal(asked.added, 1);
      const two = progressWhere(client, uri, (p) => p.added === 2);
      await typeAt(client, uri, 4, 23, ' cried');
      await two;
      assert.deepEqual(pushed(), [0, 1, 2]);
      assertNoServerErrors(client);
    } finally {
      await client.close();
    }
  });

  test('words typed without a pause push their goal figures once, when the typing pauses', async () => {
    const { client, uri, pushed } = await openWatched('pause');
    try {
      // Five words, each its own change 60 ms after the last (a writer at speed): each count
      // goes at once, the goal figures only after the last.
      const five = progressWhere(client, uri, (p) => p.added === 5);
      let column = 17;
      for (const [i, word] of [' Gulls', ' over', ' the', ' grey', ' stones.'].entries()) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 60));
        await typeAt(client, uri, i + 2, column, word);
        column += word.length;
      }
      // One push at most before the last word: a machine that stalls for a pause may send one.
      assert.ok(pushed().length <= 2, `goal figures pushed while typing: ${pushed().join(', ')}`);
      await five;
      assert.equal(pushed().at(-1), 5);
      assertNoServerErrors(client);
    } finally {
      await client.close();
    }
  });

  test('a writer who never pauses still sees the goal figures move, every 2 s at most', async () => {
    const { client, uri, pushed } = await openWatched('no-pause');
    try {
      // A word every 100 ms for 3 s: never the 300 ms pause.
      let column = 17;
      for (let version = 2; version <= 31; version++) {
        const at = { line: LAST_LINE, character: column };
        client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: ' gull' }] });
        column += 5;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const during = pushed().length - 1;
      // Once or twice on time; a stalled machine may find a pause or two more. Not one per word.
      assert.ok(during >= 1 && during < 15, `goal figures pushed ${during} times in 3 s of typing: ${pushed().join(', ')}`);
      await progressWhere(client, uri, (p) => p.added === 30);
      assertNoServerErrors(client);
    } finally {
      await client.close();
    }
  });

  test('a crash loses nothing already written, and a torn last line is skipped, not fatal', async () => {
    const file = join(dir, 'crash', 'progress.jsonl');
    const uri = uniqueUri('crash.fic');
    let client = await start(file);
    await openStory(client, uri, STORY);
    await typeAt(client, uri, 2, 17, ' One two three.');
    await fileWhere(file, (t) => t.includes('"added":3'));
    await client.crash();
    // A crash mid-write leaves half a record behind.
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"work":"${uri}","day":"20`);
    client = await start(file);
    await openStory(client, uri, STORY);
    const back = await client.request<ProgressSummary>('fic/progress', { textDocument: { uri } });
    assert.equal(back.added, 3);
    assert.ok(client.logMessages.some((m) => /1 unreadable lines? skipped/.test(m.message)), 'the log says a line was skipped');
    const more = progressWhere(client, uri, (p) => p.added === 4);
    await typeAt(client, uri, 2, 17, ' Four');
    await more;
    await client.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.ok(lines.filter((l) => l.includes('"added":1')).length === 1, 'the new record is a line of its own, not glued to the torn one');
  });

  test('a paste above the threshold is not writing; an undo the client names takes writing back', async () => {
    const file = join(dir, 'undo', 'progress.jsonl');
    const uri = uniqueUri('undo.fic');
    const client = await start(file, { pasteThreshold: 20 });
    await openStory(client, uri, STORY);
    const pasted = progressWhere(client, uri, (p) => p.pasted === 30);
    await typeAt(client, uri, 2, 17, ' word'.repeat(30));
    assert.equal((await pasted).added, 0);
    // Goal figures are pushed once typing pauses: these, then the undo's.
    const typed = progressWhere(client, uri, (p) => p.added === 5);
    await typeAt(client, uri, 3, 17, ' five words typed right here');
    await typed;
    const undone = progressWhere(client, uri, (p) => p.added === 0 && p.removed === 0);
    await changeStory(client, uri, 4, [{ range: { start: { line: LAST_LINE, character: 17 }, end: { line: LAST_LINE, character: 45 } }, text: '' }]);
    client.notify('fic/editReason', { textDocument: { uri, version: 4 }, reason: 'undo' });
    const after = await undone;
    assert.equal(after.pasted, 30);
    // The reason may also arrive before its change: version 6, announced as an undo, brings
    // text back, which is not writing; version 5 is ordinary typing.
    client.notify('fic/editReason', { textDocument: { uri, version: 6 }, reason: 'undo' });
    await typeAt(client, uri, 5, 17, ' back');
    const restored = progressWhere(client, uri, (p) => p.added === 1);
    await typeAt(client, uri, 6, 22, ' again');
    const last = await restored;
    assert.equal(last.removed, 0);
    assertNoServerErrors(client);
    await client.close();
  });

  test('fic.goals.historyFile chooses the file; one that cannot be read is never written to', async () => {
    const chosen = join(dir, 'chosen', 'history.jsonl');
    const unreadable = join(dir, 'a-folder.jsonl');
    mkdirSync(unreadable, { recursive: true });
    const uri = uniqueUri('chosen.fic');
    let client = await start(join(dir, 'editor', 'progress.jsonl'), { historyFile: chosen });
    await openStory(client, uri, STORY);
    await typeAt(client, uri, 2, 17, ' Written to the chosen file.');
    await client.close();
    assert.match(readFileSync(chosen, 'utf8'), /"added":5/);
    assert.equal(existsSync(join(dir, 'editor', 'progress.jsonl')), false, 'the setting wins over the editor\'s storage');

    client = await start(unreadable);
    await openStory(client, uri, STORY);
    const typed = progressWhere(client, uri, (p) => p.added === 2);
    await typeAt(client, uri, 2, 17, ' Still counted.');
    await typed;
    await client.close();
    assert.ok(statSync(unreadable).isDirectory(), 'left as it was');
    assert.ok(client.logMessages.some((m) => /could not read the writing history/.test(m.message)));
  });

  test('malformed progress messages are refused, and the server carries on', async () => {
    const client = await start(join(dir, 'hostile', 'progress.jsonl'));
    const uri = uniqueUri('hostile.fic');
    await openStory(client, uri, STORY);
    for (const params of [null, 5, {}, { textDocument: 7 }, { textDocument: { uri, version: 'x' } }, { textDocument: { uri, version: 99 }, reason: 'undo' }, { textDocument: { uri, version: 1 }, reason: 'sideways' }]) {
      client.notify('fic/editReason', params);
    }
    for (const method of ['fic/progress', 'fic/progressReport', 'fic/progressCsv']) {
      for (const params of [null, { textDocument: { uri: 'file:///not-open.fic' } }, { textDocument: { uri: 42 } }]) {
        await assert.rejects(client.request(method, params), (e: unknown) => e instanceof ResponseError && e.code === -32602);
      }
    }
    const typed = progressWhere(client, uri, (p) => p.added === 1);
    await typeAt(client, uri, 2, 17, ' Fine.');
    await typed;
    assertNoServerErrors(client);
    await client.close();
  });

  test('a work of two chapters on disk: typing in chapter 2 moves the work, its Goal read from chapter 1', async () => {
    const folder = join(dir, 'work', 'tidewater');
    mkdirSync(folder, { recursive: true });
    const ch1 = 'Title: Tidewater\nChapter: 1/2\nGoal: 100 by 2099-12-31\n\nThe water was low that morning.\n';
    const ch2 = 'Title: Tidewater\nChapter: 2/2\n\nSlack water now.\n';
    writeFileSync(join(folder, '01-low.fic'), ch1);
    writeFileSync(join(folder, '02-slack.fic'), ch2);
    const uri2 = pathToFileURL(join(folder, '02-slack.fic')).href;
    const file = join(dir, 'work', 'progress.jsonl');
    const client = await LspClient.start({
      initializationOptions: { progressFile: file },
      settings: { fic: { goals: { dailyWords: 10 } } },
      workspaceFolders: [pathToFileURL(join(dir, 'work')).href],
    });
    // Once the works are read, chapter 2 knows its work.
    await client.request('fic/works', {});
    await openStory(client, uri2, ch2);
    const opened = await client.request<ProgressSummary>('fic/progress', { textDocument: { uri: uri2 } });
    assert.deepEqual([opened.workTitle, opened.chapters, opened.target?.target, opened.target?.current], ['Tidewater', 2, 100, 6 + 3]);
    const typed = progressWhere(client, uri2, (p) => p.inWork.added === 4);
    await changeStory(client, uri2, 2, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } }, text: ' Gulls cried out loud.' }]);
    const s = await typed;
    assert.deepEqual([s.added, s.target?.current, s.target?.remaining], [4, 13, 87]);
    const csv = await client.request<string>('fic/progressCsv', { textDocument: { uri: uri2 } });
    assert.match(csv, new RegExp(`\\r\\n${s.day},4,0,4,0,13,4,10,no\\r\\n$`));
    assertNoServerErrors(client);
    await client.close();
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { work: string; workId?: string });
    assert.deepEqual(records.map((r) => [r.work, r.workId]), [[uri2, s.work]], 'kept per chapter, with the work it was written for');
  });
});
