// Goals and progress: the writer's day (dayStartsAt, time zones, DST), what counts as
// written (pastes, undo), goals changed mid-month, pace, streaks, the history file, and
// the charts as SVG snapshots. The clock is a fake: every figure follows from the test.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, type GoalSettings } from '../../server/src/protocol';
import { createFicService, FicSource, MemoryWorkspace, ProgressHistory, writerDay, type Clock } from '../../server/src/service';
import { parseGoal } from '../../server/src/service/header/goal';
import { addDays, LOCAL_ZONE } from '../../server/src/service/progress/day';
import { systemClock } from '../../server/src/service/progress';
import { streak, workTarget } from '../../server/src/service/progress/report';

const goals = (over: Partial<GoalSettings> = {}): GoalSettings => ({ ...DEFAULT_SETTINGS.goals, ...over });
const UTC = 'UTC';

/** A clock the test moves. */
function fakeClock(iso: string, zone = UTC): Clock & { set(iso: string): void } {
  let now = Date.parse(iso);
  return { now: () => now, zone: () => zone, set: (next) => (now = Date.parse(next)) };
}

const WORK = 'file:///works/salt.fic';
const HEAD = 'Title: Salt\nAuthor: Wren Marsh\n';

/** A service, an open story and a helper that types (or deletes) at the end of the body. */
function desk(options: { goals?: Partial<GoalSettings>; clock?: ReturnType<typeof fakeClock>; header?: string; body?: string } = {}) {
  const clock = options.clock ?? fakeClock('2026-11-20T12:00:00Z');
  const service = createFicService({ goals: goals(options.goals) }, undefined, { clock });
  const source = new FicSource(WORK, `${options.header ?? HEAD}\n${options.body ?? 'It began with salt.'}\n`, 1);
  let version = 1;
  const end = () => {
    const line = source.text.lineCount - 2;
    return { line, character: source.text.lineAt(line).length };
  };
  /** One change, as the server would see it: measured before and after. */
  const change = (apply: () => void, undo = false) => {
    const before = service.progress.size(source);
    apply();
    return service.progress.record(before, source, undo);
  };
  const type = (text: string, undo = false) =>
    change(() => source.applyChanges([{ range: { start: end(), end: end() }, text }], ++version), undo);
  const cutLast = (chars: number, undo = false) =>
    change(() => {
      const e = end();
      source.applyChanges([{ range: { start: { line: e.line, character: e.character - chars }, end: e }, text: '' }], ++version);
    }, undo);
  return { clock, service, source, type, cutLast, summary: () => service.progress.summary(source) };
}

const words = (n: number, word = 'tide') => Array.from({ length: n }, () => ` ${word}`).join('');

describe('the writer\'s day', () => {
  it('starts at dayStartsAt on the writer\'s clock: 03:30 still belongs to yesterday', () => {
    const start = 4 * 60;
    assert.equal(writerDay(Date.parse('2026-11-29T03:30:00Z'), UTC, start), '2026-11-28');
    assert.equal(writerDay(Date.parse('2026-11-29T03:59:59Z'), UTC, start), '2026-11-28');
    assert.equal(writerDay(Date.parse('2026-11-29T04:00:00Z'), UTC, start), '2026-11-29');
    assert.equal(writerDay(Date.parse('2026-11-29T23:59:00Z'), UTC, 0), '2026-11-29');
    assert.equal(writerDay(Date.parse('2026-11-30T00:00:00Z'), UTC, 0), '2026-11-30');
  });

  it('follows the time zone: one instant, two days', () => {
    const instant = Date.parse('2026-11-29T23:30:00Z');
    assert.equal(writerDay(instant, 'UTC', 0), '2026-11-29');
    assert.equal(writerDay(instant, 'Europe/Berlin', 0), '2026-11-30');
    assert.equal(writerDay(instant, 'America/Los_Angeles', 0), '2026-11-29');
    assert.equal(writerDay(Date.parse('2026-11-29T10:00:00Z'), 'Pacific/Auckland', 0), '2026-11-29');
    assert.equal(writerDay(Date.parse('2026-11-29T11:00:00Z'), 'Pacific/Auckland', 0), '2026-11-30');
  });

  it('keeps the boundary at the chosen hour on the days clocks change (DST)', () => {
    const start = 4 * 60;
    // New York springs forward on 8 March 2026 at 02:00 (UTC-5 -> UTC-4).
    assert.equal(writerDay(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York', start), '2026-03-07'); // 03:30 EDT
    assert.equal(writerDay(Date.parse('2026-03-08T08:00:00Z'), 'America/New_York', start), '2026-03-08'); // 04:00 EDT
    // Berlin falls back on 25 October 2026 at 03:00 (UTC+2 -> UTC+1): 02:30 happens twice.
    assert.equal(writerDay(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin', start), '2026-10-24'); // 02:30 CEST
    assert.equal(writerDay(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin', start), '2026-10-24'); // 02:30 CET
    assert.equal(writerDay(Date.parse('2026-10-25T02:59:00Z'), 'Europe/Berlin', start), '2026-10-24'); // 03:59 CET
    assert.equal(writerDay(Date.parse('2026-10-25T03:00:00Z'), 'Europe/Berlin', start), '2026-10-25'); // 04:00 CET
  });

  it('writing past midnight counts for the day it started with dayStartsAt 04:00', () => {
    const clock = fakeClock('2026-11-20T23:50:00Z');
    const d = desk({ clock, goals: { dayStartsAt: '04:00' } });
    d.type(words(10));
    clock.set('2026-11-21T01:15:00Z');
    d.type(words(5));
    assert.equal(d.summary().day, '2026-11-20');
    assert.equal(d.summary().added, 15);
    clock.set('2026-11-21T04:00:00Z');
    assert.equal(d.summary().day, '2026-11-21');
    assert.equal(d.summary().added, 0);
  });

  it('reads the computer\'s own zone through local time, to the same day as its IANA zone, DST included', () => {
    assert.equal(systemClock.zone(), LOCAL_ZONE, 'the system clock names no zone, so no Intl date format is built');
    // Each zone in a process of its own (TZ is read as Node starts): every hour of 2026,
    // for days starting at midnight, 04:00 and 23:30, local time and the IANA zone agree.
    const day = join(__dirname, '..', '..', 'server', 'src', 'service', 'progress', 'day.js');
    const script = `
      const { writerDay, LOCAL_ZONE } = require(${JSON.stringify(day)});
      const zone = process.env.TZ, wrong = [];
      let checked = 0;
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        for (const start of [0, 240, 1410]) {
          checked++;
          const local = writerDay(t, LOCAL_ZONE, start), named = writerDay(t, zone, start);
          if (local !== named && wrong.length < 5) wrong.push({ at: new Date(t).toISOString(), start, local, named });
        }
      }
      console.log(JSON.stringify({ checked, wrong }));`;
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      const run = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const { checked, wrong } = JSON.parse(run.stdout) as { checked: number; wrong: unknown[] };
      assert.equal(checked, 365 * 24 * 3);
      assert.deepEqual(wrong, [], zone);
    }
  });

  it('uses fic.goals.timeZone when set, the computer\'s zone otherwise, UTC for a zone no one knows', () => {
    const clock = fakeClock('2026-11-29T23:30:00Z', 'UTC');
    assert.equal(createFicService({}, undefined, { clock }).progress.today(), '2026-11-29');
    assert.equal(createFicService({ goals: { timeZone: 'Asia/Tokyo' } }, undefined, { clock }).progress.today(), '2026-11-30');
    assert.equal(createFicService({ goals: { timeZone: 'Mars/Olympus' } }, undefined, { clock }).progress.today(), '2026-11-29');
  });
});

describe('what counts as written', () => {
  it('counts words added and removed by the writer\'s method; the header never counts', () => {
    const d = desk();
    d.type(words(12));
    d.cutLast(' tide tide'.length);
    const s = d.summary();
    assert.equal(s.added, 12);
    assert.equal(s.removed, 2);
    // Editing the header is not writing.
    const before = d.service.progress.size(d.source);
    d.source.applyChanges([{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 11 } }, text: 'Salt and Stone and Sea' }], 99);
    d.service.progress.record(before, d.source, false);
    assert.equal(d.summary().added, 12);
  });

  it('follows fic.wordCount.method: `don\'t-stop` is one word for AO3, and `--` none', () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const service = createFicService({ wordCount: { method: 'ao3' } }, undefined, { clock });
    const source = new FicSource(WORK, `${HEAD}\nx\n`, 1);
    const before = service.progress.size(source);
    source.applyChanges([{ range: { start: { line: 3, character: 1 }, end: { line: 3, character: 1 } }, text: " don't-stop -- now" }], 2);
    service.progress.record(before, source, false);
    assert.equal(service.progress.summary(source).added, 2);
  });

  it('does not count a paste above the threshold, unless the writer says so', () => {
    const d = desk({ goals: { pasteThreshold: 100 } });
    d.type(words(100)); // exactly the threshold: writing (an autocorrected paragraph, a snippet)
    d.type(words(101)); // a restored draft
    let s = d.summary();
    assert.equal(s.added, 100);
    assert.equal(s.pasted, 101);
    const counting = desk({ goals: { pasteThreshold: 100, countPastes: true } });
    counting.type(words(101));
    s = counting.summary();
    assert.equal(s.added, 101);
    assert.equal(s.pasted, 0);
    const noLimit = desk({ goals: { pasteThreshold: 0 } });
    noLimit.type(words(5000));
    assert.equal(noLimit.summary().added, 5000);
  });

  it('undo takes today\'s writing back, and a redo writes it again', () => {
    const d = desk();
    d.type(words(30));
    d.type(words(8));
    assert.equal(d.summary().added, 38);
    const undone = d.cutLast(' tide'.length * 8, true);
    assert.deepEqual([d.summary().added, d.summary().removed], [30, 0], 'undoing is not cutting');
    assert.equal(undone.delta.added, -8);
    d.type(words(8)); // redo
    assert.equal(d.summary().added, 38);
  });

  it('an undo the client names only after the server recorded the change is reclassified', () => {
    const d = desk();
    d.type(words(30));
    d.type(words(8));
    const recorded = d.cutLast(' tide'.length * 8); // recorded as a cut...
    assert.deepEqual([d.summary().added, d.summary().removed], [38, 8]);
    d.service.progress.reclassifyAsUndo(recorded); // ...then fic/editReason says: undo
    assert.deepEqual([d.summary().added, d.summary().removed], [30, 0]);
    const pending = d.service.progress.history.takePending();
    assert.deepEqual([pending[0]?.added, pending[0]?.removed], [30, 0], 'the file gets the corrected figures');
  });

  it('an undo that restores text cut today takes back the removal', () => {
    const d = desk({ body: `It began${words(20)}` });
    d.cutLast(' tide'.length * 5);
    assert.equal(d.summary().removed, 5);
    d.type(words(5), true);
    assert.equal(d.summary().removed, 0);
    assert.equal(d.summary().added, 0, 'restoring is not writing');
  });

  it('undoing yesterday\'s writing today counts as removed today, not as negative writing', () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const d = desk({ clock });
    d.type(words(10));
    clock.set('2026-11-21T12:00:00Z');
    d.cutLast(' tide'.length * 4, true);
    const s = d.summary();
    assert.equal(s.added, 0);
    assert.equal(s.removed, 4);
    assert.equal(d.service.progress.history.day(WORK, '2026-11-20').added, 10);
  });

  it('undo of a paste takes back the paste, not the day\'s writing', () => {
    const d = desk({ goals: { pasteThreshold: 50 } });
    d.type(words(40));
    d.type(words(200));
    d.cutLast(' tide'.length * 200, true);
    const s = d.summary();
    assert.equal(s.added, 40);
    assert.equal(s.pasted, 0);
    assert.equal(s.removed, 0);
  });

  it('counts characters for CJK writers (fic.goals.unit: characters)', () => {
    const d = desk({ goals: { unit: 'characters', dailyWords: 10 }, body: '始まり' });
    d.type('潮が満ちてきた。');
    const s = d.summary();
    assert.equal(s.unit, 'characters');
    assert.equal(s.added, 8);
    assert.equal(s.goalMet, false);
    d.type('月が出た。');
    assert.equal(d.summary().added, 13);
    assert.equal(d.summary().goalMet, true);
  });
});

describe('goals, pace and streaks', () => {
  it('today against the daily goal; 0 is off', () => {
    const d = desk({ goals: { dailyWords: 50 } });
    d.type(words(49));
    assert.equal(d.summary().goalMet, false);
    d.type(words(1));
    assert.equal(d.summary().goalMet, true);
    const off = desk({ goals: { dailyWords: 0 } });
    off.type(words(500));
    assert.equal(off.summary().goalMet, false);
    assert.equal(off.summary().dailyGoal, 0);
  });

  it('a day without writing breaks the streak; today not yet met does not', () => {
    const h = new ProgressHistory();
    const g = goals({ dailyWords: 100 });
    const day = (d: string, added: number) =>
      h.add({ v: 1, work: WORK, day: d, added, removed: 0, pasted: 0, addedChars: added * 5, removedChars: 0, pastedChars: 0, words: 0, chars: 0, goal: 100, unit: 'words' });
    day('2026-11-14', 120);
    // 15 November: no writing at all.
    day('2026-11-16', 100);
    day('2026-11-17', 300);
    day('2026-11-18', 99); // short by one
    day('2026-11-19', 150);
    day('2026-11-20', 150);
    assert.equal(streak(h.daysOf(WORK), '2026-11-20', g), 2);
    assert.equal(streak(h.daysOf(WORK), '2026-11-21', g), 2, 'today has just begun: the streak is still alive');
    assert.equal(streak(h.daysOf(WORK), '2026-11-22', g), 0, 'a whole day without writing ends it');
    day('2026-11-18', 1); // the same day written to again: records add up
    assert.equal(streak(h.daysOf(WORK), '2026-11-20', g), 5);
    assert.equal(streak(h.daysOf(WORK), '2026-11-17', g), 2, 'the empty 15th ends it');
  });

  it('the streak follows a day before today that changes after it was counted (a history read later)', () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const d = desk({ clock, goals: { dailyWords: 3 } });
    d.type(words(3));
    assert.equal(d.summary().streak, 1);
    const yesterday = { v: 1, work: WORK, day: '2026-11-19', added: 5, removed: 0, pasted: 0, addedChars: 20, removedChars: 0, pastedChars: 0, words: 5, chars: 20, goal: 3, unit: 'words' };
    d.service.progress.history.load(JSON.stringify(yesterday));
    assert.equal(d.summary().streak, 2);
    d.service.progress.history.load(JSON.stringify({ ...yesterday, day: '2026-11-18' }));
    assert.equal(d.summary().streak, 3);
    assert.equal(d.service.progress.report(d.source).summary.streak, 3);
  });

  it('a goal changed mid-month judges each day by the goal it had', () => {
    const clock = fakeClock('2026-11-10T12:00:00Z');
    const history = new ProgressHistory();
    for (let i = 1; i <= 9; i++) {
      const day = `2026-11-0${i}`;
      // 600 words a day, against 500 until the 5th, then against 1,000.
      const goal = i <= 5 ? 500 : 1000;
      history.add({ v: 1, work: WORK, day, added: 600, removed: 0, pasted: 0, addedChars: 3000, removedChars: 0, pastedChars: 0, words: 600 * i, chars: 3000 * i, goal, unit: 'words' });
    }
    const g = goals({ dailyWords: 1000 });
    assert.equal(streak(history.daysOf(WORK), '2026-11-10', g), 0, 'the 9th missed its 1,000');
    assert.equal(streak(history.daysOf(WORK), '2026-11-06', g), 5, 'the 1st to the 5th met their 500');
    const service = createFicService({ goals: { dailyWords: 1000 } }, undefined, { clock });
    service.progress.history.load(
      [...history.daysOf(WORK)].map(([day, t]) => JSON.stringify({ v: 1, work: WORK, day, ...t })).join('\n'),
    );
    const source = new FicSource(WORK, `${HEAD}\n${words(5400)}\n`, 1);
    const report = service.progress.report(source);
    const byDay = new Map(report.days.map((d) => [d.day, d]));
    assert.deepEqual([byDay.get('2026-11-05')?.goal, byDay.get('2026-11-05')?.met], [500, true]);
    assert.deepEqual([byDay.get('2026-11-06')?.goal, byDay.get('2026-11-06')?.met], [1000, false]);
    assert.equal(byDay.get('2026-11-10')?.goal, 1000, 'today: the current goal');
  });

  it('pace is the remaining words over the days left plus today', () => {
    const g = goals();
    const t = workTarget({ target: 50_000, unit: null, deadline: '2026-11-30' }, { words: 47_000, chars: 0 }, '2026-11-29', g);
    assert.deepEqual(t, { target: 50_000, unit: 'words', deadline: '2026-11-30', current: 47_000, remaining: 3000, daysLeft: 1, pace: 1500, overdue: false });
    // On the deadline itself: everything left is today's.
    assert.equal(workTarget({ target: 50_000, unit: null, deadline: '2026-11-30' }, { words: 47_000, chars: 0 }, '2026-11-30', g)?.pace, 3000);
    // Uneven division rounds up: 1,000 over 3 days is 334 a day.
    assert.equal(workTarget({ target: 1000, unit: null, deadline: '2026-11-03' }, { words: 0, chars: 0 }, '2026-11-01', g)?.pace, 334);
  });

  it('pace when the deadline has passed: all that remains, and the work is overdue', () => {
    const t = workTarget({ target: 50_000, unit: null, deadline: '2026-11-30' }, { words: 45_000, chars: 0 }, '2026-12-03', goals());
    assert.deepEqual([t?.daysLeft, t?.pace, t?.overdue, t?.remaining], [0, 5000, true, 5000]);
    const done = workTarget({ target: 50_000, unit: null, deadline: '2026-11-30' }, { words: 51_000, chars: 0 }, '2026-12-03', goals());
    assert.deepEqual([done?.remaining, done?.pace, done?.overdue], [0, 0, false]);
  });

  it('a target without a date has no pace; a target in characters counts characters', () => {
    assert.deepEqual(workTarget({ target: 10_000, unit: null, deadline: null }, { words: 2000, chars: 9000 }, '2026-11-29', goals())?.pace, null);
    assert.equal(workTarget({ target: 10_000, unit: 'characters', deadline: null }, { words: 2000, chars: 9000 }, '2026-11-29', goals())?.remaining, 1000);
  });

  it('the summary reads the work\'s Goal line from its header', () => {
    const clock = fakeClock('2026-11-29T12:00:00Z');
    const d = desk({ clock, header: `${HEAD}Goal: 1,000 by 2026-11-30\n`, body: words(400) });
    const t = d.summary().target;
    assert.deepEqual([t?.target, t?.current, t?.remaining, t?.daysLeft, t?.pace], [1000, 400, 600, 1, 300]);
  });
});

describe('the Goal header line', () => {
  it('reads a target, a unit and a deadline as writers write them', () => {
    assert.deepEqual(parseGoal('50,000 by 2026-11-30'), { goal: { target: 50_000, unit: null, deadline: '2026-11-30' } });
    assert.deepEqual(parseGoal('80k'), { goal: { target: 80_000, unit: null, deadline: null } });
    assert.deepEqual(parseGoal('50k words by 2026-11-30'), { goal: { target: 50_000, unit: 'words', deadline: '2026-11-30' } });
    assert.deepEqual(parseGoal('100,000 characters due 2027-01-31'), { goal: { target: 100_000, unit: 'characters', deadline: '2027-01-31' } });
    assert.deepEqual(parseGoal('lots'), { problem: { kind: 'no-number' } });
    assert.deepEqual(parseGoal('50,000 by 2026-11-31'), { problem: { kind: 'bad-date', text: '2026-11-31', start: 10, end: 20 } });
    assert.deepEqual(parseGoal('50,000 by November'), { problem: { kind: 'bad-date', text: 'November', start: 10, end: 18 } });
  });

  it('is checked like any field: goal-format, on the part that is wrong', () => {
    const service = createFicService({ header: { requiredFields: [] } });
    const check = (value: string) =>
      service.diagnostics(new FicSource(WORK, `Title: Salt\nGoal: ${value}\n\nSome words.\n`, 1)).filter((d) => d.code === 'goal-format');
    assert.equal(check('50,000 by 2026-11-30').length, 0);
    const [bad] = check('50,000 by 30/11/2026');
    assert.deepEqual(bad?.range, { start: { line: 1, character: 16 }, end: { line: 1, character: 26 } });
    assert.match(String(bad?.message), /year-month-day/);
    assert.equal(check('as many as I can').length, 1);
  });
});

describe('the history file', () => {
  it('skips a torn last line and garbage, keeping every good record', () => {
    const d = desk();
    d.type(words(7));
    const lines = d.service.progress.history.takePending().map((r) => JSON.stringify(r));
    assert.equal(lines.length, 1);
    const file = `${lines[0]}\nnot json\n{"v":1,"work":"x","day":"2026-02-30"}\n${(lines[0] as string).slice(0, 30)}`;
    const h = new ProgressHistory();
    assert.deepEqual(h.load(file), { records: 1, skipped: 3 });
    assert.equal(h.day(WORK, '2026-11-20').added, 7);
  });

  it('queues one record per work and day, and what it reloads is what was counted', () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const d = desk({ clock, goals: { dailyWords: 20 } });
    for (let i = 0; i < 25; i++) d.type(' tide');
    d.cutLast(' tide'.length * 3);
    clock.set('2026-11-21T12:00:00Z');
    d.type(words(4));
    const records = d.service.progress.history.takePending();
    assert.equal(records.length, 2);
    assert.equal(d.service.progress.history.hasPending, false);
    const again = createFicService({ goals: { dailyWords: 20 } }, undefined, { clock });
    again.progress.history.load(records.map((r) => JSON.stringify(r)).join('\n'));
    const s = again.progress.summary(d.source);
    assert.deepEqual([s.added, s.removed, s.streak], [4, 0, 1]);
    assert.deepEqual([again.progress.history.day(WORK, '2026-11-20').added, again.progress.history.day(WORK, '2026-11-20').removed], [25, 3]);
  });

  it('exports every recorded day as CSV, days without writing included', () => {
    const clock = fakeClock('2026-11-18T12:00:00Z');
    const d = desk({ clock, goals: { dailyWords: 5 } });
    d.type(words(6));
    clock.set('2026-11-20T12:00:00Z');
    d.type(words(2));
    const csv = d.service.progress.csv(d.source);
    assert.equal(
      csv,
      [
        'date,words added,words removed,net,pasted (not counted),work words,words written in all works,daily goal,goal met',
        '2026-11-18,6,0,6,0,10,6,5,yes',
        '2026-11-19,0,0,0,0,10,0,5,no',
        '2026-11-20,2,0,2,0,12,2,5,no',
        '',
      ].join('\r\n'),
    );
  });
});

describe('the charts (SVG snapshots)', () => {
  const dir = join(__dirname, '..', '..', '..', 'test', 'service', 'snapshots');

  function snapshot(name: string, actual: string): void {
    const file = join(dir, name);
    if (process.env.UPDATE_SNAPSHOTS || !existsSync(file)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, actual);
      if (!process.env.UPDATE_SNAPSHOTS) assert.fail(`wrote new snapshot ${name}: look at it, then run again`);
      return;
    }
    assert.equal(actual, readFileSync(file, 'utf8'), `${name} changed; UPDATE_SNAPSHOTS=1 rewrites it`);
  }

  function month() {
    const clock = fakeClock('2026-11-01T12:00:00Z');
    const d = desk({ clock, goals: { dailyWords: 1667 }, header: `${HEAD}Goal: 50,000 by 2026-11-30\n`, body: 'Start.' });
    // A NaNoWriMo month: strong days, short days, days without writing.
    const plan = [1800, 1700, 900, 2000, 0, 0, 1667, 2500, 1200, 1700, 1800, 2100, 1700, 3000, 0, 1900, 1750, 1670, 1680, 400];
    plan.forEach((n, i) => {
      clock.set(`${addDays('2026-11-01', i)}T12:00:00Z`);
      if (n > 0) for (let k = 0; k < n; k += 50) d.type(words(Math.min(50, n - k)));
    });
    return d;
  }

  it('draws 30 days of bars against the goal, the work against par, and the streak', () => {
    const d = month();
    const report = d.service.progress.report(d.source);
    assert.equal(report.days.length, 30);
    assert.equal(report.days[29]?.day, '2026-11-20');
    assert.equal(report.summary.streak, 4, 'the 16th to the 19th: the 15th had no writing, the 20th is not met yet');
    for (const svg of Object.values(report.charts)) {
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.doesNotMatch(svg, /<script|NaN|undefined|Infinity/);
    }
    snapshot('daily.svg', report.charts.daily);
    snapshot('work.svg', report.charts.work);
    snapshot('streak.svg', report.charts.streak);
  });

  it('draws an empty history without failing', () => {
    const d = desk();
    const report = d.service.progress.report(d.source);
    snapshot('empty-daily.svg', report.charts.daily);
    assert.doesNotMatch(report.charts.work + report.charts.streak, /NaN|undefined|Infinity/);
  });
});

describe('completing the Goal line', () => {
  it('offers 50,000 by the end of the month, and the next round number by the end of next month', () => {
    const clock = fakeClock('2026-11-20T12:00:00Z');
    const service = createFicService({}, undefined, { clock });
    const text = `Title: Salt\nGoal: \n\n${words(12_345)}\n`;
    const items = service.completion(new FicSource(WORK, text, 1), { line: 1, character: 6 }).items;
    assert.deepEqual(
      items.map((i) => i.label),
      ['50,000 by 2026-11-30', '20,000 by 2026-12-31'],
    );
  });

  it('a December target rolls into January', () => {
    const service = createFicService({}, undefined, { clock: fakeClock('2026-12-05T12:00:00Z') });
    const items = service.completion(new FicSource(WORK, 'Title: Salt\nGoal: \n\nA few words.\n', 1), { line: 1, character: 6 }).items;
    assert.deepEqual(items.map((i) => i.label), ['50,000 by 2026-12-31', '10,000 by 2027-01-31']);
  });
});

describe('progress per work', () => {
  const FOLDER = 'file:///works/tidewater';
  const CH1 = `${FOLDER}/01-low.fic`;
  const CH2 = `${FOLDER}/02-slack.fic`;
  const OTHER = 'file:///works/other/brine.fic';
  const ch1 = 'Title: Tidewater\nChapter: 1/2\nGoal: 1,000 by 2026-11-30\n\nThe water was low that morning.\n';
  const ch2 = 'Title: Tidewater\nChapter: 2/2\n\nSlack water now.\n';
  const other = 'Title: Brine\n\nSalt on the wind.\n';

  /** A workspace of one two-chapter work and a one-shot; chapter 2 open, chapter 1 not. */
  async function studio(clock = fakeClock('2026-11-20T12:00:00Z')) {
    const workspace = new MemoryWorkspace({ [CH1]: ch1, [CH2]: ch2, [OTHER]: other });
    const service = createFicService({ goals: goals({ dailyWords: 10 }) }, workspace, { clock });
    await service.works.index();
    const open = (uri: string, text: string) => {
      const source = new FicSource(uri, text, 1);
      service.works.open(source);
      let version = 1;
      const type = (t: string) => {
        const line = source.text.lineCount - 2;
        const at = { line, character: source.text.lineAt(line).length };
        const before = service.progress.size(source);
        source.applyChanges([{ range: { start: at, end: at }, text: t }], ++version);
        service.works.edited(source);
        return service.progress.record(before, source, false);
      };
      return { source, type };
    };
    return { clock, service, open };
  }

  it('writing in chapter 2 moves the work: its target from chapter 1 (not open), current the work\'s total', async () => {
    const { service, open } = await studio();
    const two = open(CH2, ch2);
    const first = service.progress.summary(two.source);
    assert.equal(first.workTitle, 'Tidewater');
    assert.equal(first.chapters, 2);
    assert.deepEqual([first.target?.target, first.target?.deadline, first.target?.current], [1000, '2026-11-30', 6 + 3]);
    two.type(words(4));
    const s = service.progress.summary(two.source);
    assert.deepEqual([s.added, s.inWork.added, s.target?.current, s.target?.remaining], [4, 4, 13, 987]);
    assert.equal(s.target?.pace, Math.ceil(987 / 11));
  });

  it('the daily goal counts writing in every work; the work\'s figures only its chapters', async () => {
    const { service, open } = await studio();
    const two = open(CH2, ch2);
    const brine = open(OTHER, other);
    two.type(words(6));
    brine.type(words(5));
    const s = service.progress.summary(two.source);
    assert.deepEqual([s.added, s.goalMet, s.inWork.added], [11, true, 6]);
    const b = service.progress.summary(brine.source);
    assert.deepEqual([b.added, b.inWork.added, b.chapters, b.target], [11, 5, 1, null]);
    assert.notEqual(b.work, s.work);
  });

  it('the table, chart and CSV add the chapters up per day, each chapter\'s size carried over', async () => {
    const { clock, service, open } = await studio();
    const one = open(CH1, ch1);
    one.type(words(3));
    clock.set('2026-11-21T12:00:00Z');
    const two = open(CH2, ch2);
    two.type(words(2));
    one.type(words(1));
    const report = service.progress.report(two.source);
    const byDay = new Map(report.days.map((d) => [d.day, d]));
    // 20th: chapter 1 went 6 -> 9, chapter 2 (not yet written in) was 3: the work 12.
    assert.deepEqual([byDay.get('2026-11-20')?.added, byDay.get('2026-11-20')?.total], [3, 12]);
    assert.deepEqual([byDay.get('2026-11-21')?.added, byDay.get('2026-11-21')?.total, byDay.get('2026-11-21')?.written], [3, 15, 3]);
    const csv = service.progress.csv(one.source).split('\r\n');
    assert.deepEqual(csv.slice(1, 3), ['2026-11-20,3,0,3,0,12,3,10,no', '2026-11-21,3,0,3,0,15,3,10,no']);
    assert.equal(service.progress.csv(two.source), service.progress.csv(one.source), 'one work, one history, from either chapter');
  });

  it('reads older records kept under the uri as the editor spelled it, and follows a renamed chapter', async () => {
    const { service, open } = await studio();
    const spelled = 'file:///works/tidewater/02-slack.fic'.replace('file:///works', 'FILE:///works');
    const old = { v: 1, work: spelled, day: '2026-11-19', added: 7, removed: 0, pasted: 0, addedChars: 30, removedChars: 0, pastedChars: 0, words: 3, chars: 13, goal: 10, unit: 'words' };
    const two = open(CH2, ch2);
    const workId = service.progress.summary(two.source).work;
    const renamed = { ...old, work: `${FOLDER}/02-old-name.fic`, workId, day: '2026-11-18', added: 2 };
    service.progress.history.load([old, renamed].map((r) => JSON.stringify(r)).join('\n'));
    const report = service.progress.report(two.source);
    const byDay = new Map(report.days.map((d) => [d.day, d.added]));
    assert.deepEqual([byDay.get('2026-11-19'), byDay.get('2026-11-18')], [7, 2]);
  });

  it('new records name their chapter by its canonical uri and the work it belongs to', async () => {
    const { service, open } = await studio();
    const two = open(CH2, ch2);
    two.type(words(1));
    const [record] = service.progress.history.takePending();
    assert.equal(record?.work, CH2);
    assert.equal(record?.workId, service.progress.summary(two.source).work);
  });
});
