// The writing history: per work and writer's day, what was added, removed and pasted, in
// words and in characters, and the work's size at the end of the day. It is kept as
// records that add up (one JSON line each, appended to the history file), so a crash
// loses at most the records not yet written, and a torn last line is skipped, never fatal.
//
// What counts as written (DOMAIN.md §10): a change's size is the story's body count after
// it minus before it, by the writer's method (header, trailer and notes never count). A
// change adding more than the paste threshold is a paste or a restored draft: kept apart,
// not written. An undo takes back what it undoes: removing today's writing lowers today's
// "added" (not "removed"), and restoring text cut today lowers "removed".

import type { GoalSettings, GoalUnit } from '../../protocol';
import { isDay, type Day } from './day';

/** Words and characters written, cut and pasted: what a record adds to its day. */
export interface Delta {
  added: number;
  removed: number;
  pasted: number;
  addedChars: number;
  removedChars: number;
  pastedChars: number;
}

/** One line of the history file. Numbers are deltas to add up, except the totals, goal and unit. */
export interface ProgressRecord extends Delta {
  v: 1;
  /** The chapter (story file) written in, by uri. Records are kept per chapter and added
   * up per work when read, so regrouping chapters into works never splits a history. */
  work: string;
  /** The work the chapter belonged to when written (absent in older records): a chapter
   * renamed or moved since still counts for that work. */
  workId?: string;
  day: Day;
  /** The work's words and characters after these changes. */
  words: number;
  chars: number;
  /** The daily goal and its unit when these were written. */
  goal: number;
  unit: GoalUnit;
}

/** A day of a work, summed. */
export interface DayTotals extends Delta {
  words: number | null;
  chars: number | null;
  goal: number | null;
  unit: GoalUnit | null;
}

/** Body size in both units. */
export interface Size {
  words: number;
  chars: number;
}

/** One change to a story, as the server measured it. */
export interface Change {
  /** The chapter's key (its canonical uri). */
  work: string;
  /** The work it belongs to now. */
  workId?: string;
  day: Day;
  before: Size;
  after: Size;
  undo: boolean;
}

/** What recording a change did, so that it can be reclassified when the client says
 * afterwards that it was an undo. */
export interface Recorded {
  change: Change;
  delta: Delta;
}

const DELTA_KEYS = ['added', 'removed', 'pasted', 'addedChars', 'removedChars', 'pastedChars'] as const;

export function emptyDay(): DayTotals {
  return { added: 0, removed: 0, pasted: 0, addedChars: 0, removedChars: 0, pastedChars: 0, words: null, chars: null, goal: null, unit: null };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e12;

/** A record from a line of the file, or null for anything else (a torn line, garbage). */
export function parseRecord(line: string): ProgressRecord | null {
  if (line.trim() === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const r = raw as Partial<ProgressRecord> | null;
  if (!r || typeof r !== 'object' || r.v !== 1 || typeof r.work !== 'string' || !isDay(r.day)) return null;
  if (!DELTA_KEYS.every((k) => isCount(r[k])) || !isCount(r.words) || !isCount(r.chars) || !isCount(r.goal)) return null;
  if (r.unit !== 'words' && r.unit !== 'characters') return null;
  if (r.workId !== undefined && typeof r.workId !== 'string') return null;
  return r as ProgressRecord;
}

export class ProgressHistory {
  private readonly works = new Map<string, Map<Day, DayTotals>>();
  /** Every chapter's writing added up per day: the writer's day, which the daily goal and
   * the streak are about (a writer has one daily goal, whichever work they write in). */
  private readonly everything = new Map<Day, DayTotals>();
  /** The work each chapter was last written for. */
  private readonly workOf = new Map<string, string>();
  /** The same totals by day, then chapter: a work's today is found among the few chapters
   * written in today, not by looking in each of its chapters on every keystroke. */
  private readonly byDay = new Map<Day, Map<string, DayTotals>>();
  private readonly pending = new Map<string, ProgressRecord>();

  /** The latest day written to, and how many records changed an earlier day: while it
   * stays the same, no day before the latest changed (a streak up to yesterday holds). */
  private latestDay: Day | null = null;
  private earlierChanges = 0;

  /** Chapter keys are canonical uris: older records were keyed by the uri as the editor
   * spelled it, and are read under the same key as new ones. */
  constructor(private readonly keyOf: (uri: string) => string = (uri) => uri) {}

  /** Read a history file's text: every good line counts, every bad one is skipped. */
  load(text: string): { records: number; skipped: number } {
    let records = 0;
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      if (record) {
        this.add(record);
        records++;
      } else skipped++;
    }
    return { records, skipped };
  }

  /** Forget everything (another history file was chosen). */
  clear(): void {
    this.works.clear();
    this.byDay.clear();
    this.everything.clear();
    this.workOf.clear();
    this.pending.clear();
    this.latestDay = null;
    this.earlierChanges++;
  }

  /** Changes when a day before the latest one written to changes. */
  get pastVersion(): string {
    return `${this.latestDay ?? ''}|${this.earlierChanges}`;
  }

  /** Fold one record into the totals. */
  add(record: ProgressRecord): void {
    if (this.latestDay === null || record.day > this.latestDay) this.latestDay = record.day;
    else if (record.day < this.latestDay) this.earlierChanges++;
    const key = this.keyOf(record.work);
    const day = this.dayOf(key, record.day, true);
    for (const k of DELTA_KEYS) day[k] += record[k];
    day.words = record.words;
    day.chars = record.chars;
    day.goal = record.goal;
    day.unit = record.unit;
    let all = this.everything.get(record.day);
    if (!all) this.everything.set(record.day, (all = emptyDay()));
    for (const k of DELTA_KEYS) all[k] += record[k];
    all.goal = record.goal;
    all.unit = record.unit;
    if (record.workId !== undefined) this.workOf.set(key, record.workId);
  }

  /** The days of a chapter, by day. */
  daysOf(chapter: string): ReadonlyMap<Day, DayTotals> {
    return this.works.get(this.keyOf(chapter)) ?? new Map();
  }

  day(chapter: string, day: Day): DayTotals {
    return this.works.get(this.keyOf(chapter))?.get(day) ?? emptyDay();
  }

  /** All writing, every chapter of every work, by day (no sizes: those are per work). */
  allDays(): ReadonlyMap<Day, DayTotals> {
    return this.everything;
  }

  /** The chapters last written for this work. */
  *chaptersOf(workId: string): Iterable<string> {
    for (const [chapter, work] of this.workOf) if (work === workId) yield chapter;
  }

  /** How many chapters the history knows: it grows when a chapter is first written in. */
  get chapterCount(): number {
    return this.works.size;
  }

  /** One day of several chapters (a work's, by their keys: canonical uris), added up. */
  dayOfMany(chapters: ReadonlySet<string>, day: Day): DayTotals {
    const out = emptyDay();
    for (const [c, t] of this.byDay.get(day) ?? []) {
      if (chapters.has(c)) for (const k of DELTA_KEYS) out[k] += t[k];
    }
    return out;
  }

  /** The days of several chapters (a work's, by their keys) as one: the changes added up; the work's size
   * at the end of a day is the sum of each chapter's size by then, its last recorded one,
   * or before its first record, what it was when that day began. A chapter never written
   * in since the history began is as it is now (`now`). */
  daysOfMany(chapters: readonly string[], now: (chapter: string) => Size | null): ReadonlyMap<Day, DayTotals> {
    const out = new Map<Day, DayTotals>();
    const each = chapters.map((c) => ({ chapter: c, days: [...(this.works.get(c) ?? new Map<Day, DayTotals>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) }));
    const allDays = [...new Set(each.flatMap((e) => e.days.map(([d]) => d)))].sort();
    const at = each.map(() => -1);
    for (const day of allDays) {
      const totals = emptyDay();
      let words = 0;
      let chars = 0;
      each.forEach((e, i) => {
        while ((at[i] as number) + 1 < e.days.length && (e.days[(at[i] as number) + 1] as [Day, DayTotals])[0] <= day) at[i] = (at[i] as number) + 1;
        const idx = at[i] as number;
        const current = idx >= 0 ? (e.days[idx] as [Day, DayTotals]) : null;
        if (current && current[0] === day) {
          for (const k of DELTA_KEYS) totals[k] += current[1][k];
          if (current[1].goal !== null) {
            totals.goal = current[1].goal;
            totals.unit = current[1].unit;
          }
        }
        const size = current ? { words: current[1].words, chars: current[1].chars } : startOf(e.days[0]?.[1]) ?? now(e.chapter);
        words += size?.words ?? 0;
        chars += size?.chars ?? 0;
      });
      totals.words = words;
      totals.chars = chars;
      out.set(day, totals);
    }
    return out;
  }

  /** Record a change: classify it, fold it in, and queue it for the file. */
  record(change: Change, goals: GoalSettings): Recorded {
    const delta = classify(change, goals, this.day(change.work, change.day));
    this.apply(change, delta, goals);
    return { change, delta };
  }

  /** The change recorded earlier was an undo: take back what recording it did, and record
   * it again as an undo. */
  reclassifyAsUndo(recorded: Recorded, goals: GoalSettings): Recorded {
    const negated: Delta = { ...recorded.delta };
    for (const k of DELTA_KEYS) negated[k] = -negated[k];
    this.apply(recorded.change, negated, goals);
    return this.record({ ...recorded.change, undo: true }, goals);
  }

  /** Remember today's goal as it is now, for a day with writing in it, so that the day is
   * later judged against the goal it ended with. (A story only opened and read leaves no
   * record; a day without writing needs none.) */
  noteGoal(work: string, day: Day, size: Size, goals: GoalSettings): void {
    const known = this.works.get(this.keyOf(work))?.get(day);
    if (!known || (known.goal === goals.dailyWords && known.unit === goals.unit)) return;
    this.apply({ work, day, before: size, after: size, undo: false }, { added: 0, removed: 0, pasted: 0, addedChars: 0, removedChars: 0, pastedChars: 0 }, goals);
  }

  /** The records not yet written to the file, merged per work and day; the queue empties. */
  takePending(): ProgressRecord[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  /** Put back a record that could not be written (it is in the totals already). */
  requeue(record: ProgressRecord): void {
    // Anything queued meanwhile is newer: the older deltas are added, its totals kept.
    this.queue(record, false);
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  private apply(change: Change, delta: Delta, goals: GoalSettings): void {
    const record: ProgressRecord = {
      v: 1,
      work: change.work,
      ...(change.workId === undefined ? {} : { workId: change.workId }),
      day: change.day,
      ...delta,
      words: change.after.words,
      chars: change.after.chars,
      goal: goals.dailyWords,
      unit: goals.unit,
    };
    this.add(record);
    this.queue(record, true);
  }

  /** One pending record per work and day: deltas add up; the totals are the newer record's. */
  private queue(record: ProgressRecord, newer: boolean): void {
    const key = `${record.work}\u0000${record.day}`;
    const queued = this.pending.get(key);
    if (!queued) {
      this.pending.set(key, record);
      return;
    }
    for (const k of DELTA_KEYS) queued[k] += record[k];
    if (!newer) return;
    if (record.workId !== undefined) queued.workId = record.workId;
    queued.words = record.words;
    queued.chars = record.chars;
    queued.goal = record.goal;
    queued.unit = record.unit;
  }

  private dayOf(work: string, day: Day, create: true): DayTotals {
    let days = this.works.get(work);
    if (!days) this.works.set(work, (days = new Map()));
    let totals = days.get(day);
    if (!totals && create) {
      days.set(day, (totals = emptyDay()));
      let chapters = this.byDay.get(day);
      if (!chapters) this.byDay.set(day, (chapters = new Map()));
      chapters.set(work, totals);
    }
    return totals as DayTotals;
  }
}

/** A chapter's size when the day of its first record began: its size then, less that
 * day's changes. */
function startOf(first: DayTotals | undefined): { words: number | null; chars: number | null } | null {
  if (!first || first.words === null || first.chars === null) return null;
  return {
    words: Math.max(0, first.words - (first.added + first.pasted - first.removed)),
    chars: Math.max(0, first.chars - (first.addedChars + first.pastedChars - first.removedChars)),
  };
}

/** How a change counts, in both units; the paste decision is taken in the goal unit. */
export function classify(change: Change, goals: GoalSettings, today: DayTotals): Delta {
  const dWords = change.after.words - change.before.words;
  const dChars = change.after.chars - change.before.chars;
  const inGoalUnit = goals.unit === 'characters' ? dChars : dWords;
  const big = !goals.countPastes && goals.pasteThreshold > 0 && Math.abs(inGoalUnit) > goals.pasteThreshold;
  const words = unitDelta(dWords, change.undo, big, today.added, today.removed, today.pasted);
  const chars = unitDelta(dChars, change.undo, big, today.addedChars, today.removedChars, today.pastedChars);
  return {
    added: words.added,
    removed: words.removed,
    pasted: words.pasted,
    addedChars: chars.added,
    removedChars: chars.removed,
    pastedChars: chars.pasted,
  };
}

function unitDelta(d: number, undo: boolean, big: boolean, added: number, removed: number, pasted: number): { added: number; removed: number; pasted: number } {
  if (!undo) {
    if (d > 0) return big ? { added: 0, removed: 0, pasted: d } : { added: d, removed: 0, pasted: 0 };
    return { added: 0, removed: -d, pasted: 0 };
  }
  if (d < 0) {
    // Undoing an insertion: take it back from what today's insertions counted as, a big
    // one from the pastes first; what today holds no more of was older text: removed.
    let left = -d;
    const takeFrom = (have: number) => {
      const n = Math.min(left, Math.max(0, have));
      left -= n;
      return n;
    };
    const fromPasted = big ? takeFrom(pasted) : 0;
    const fromAdded = takeFrom(added);
    const fromPastedAfter = big ? 0 : takeFrom(pasted);
    return { added: -fromAdded, removed: left, pasted: -(fromPasted + fromPastedAfter) };
  }
  // Undoing a deletion: today's cut is taken back; older text coming back is not writing.
  return { added: 0, removed: -Math.min(d, Math.max(0, removed)), pasted: 0 };
}
