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

/** One line of the history file. Numbers are deltas to add up, except the totals, goal and unit. */
export interface ProgressRecord {
  v: 1;
  work: string;
  day: Day;
  added: number;
  removed: number;
  pasted: number;
  addedChars: number;
  removedChars: number;
  pastedChars: number;
  /** The work's words and characters after these changes. */
  words: number;
  chars: number;
  /** The daily goal and its unit when these were written. */
  goal: number;
  unit: GoalUnit;
}

/** A day of a work, summed. */
export interface DayTotals {
  added: number;
  removed: number;
  pasted: number;
  addedChars: number;
  removedChars: number;
  pastedChars: number;
  words: number | null;
  chars: number | null;
  goal: number | null;
  unit: GoalUnit | null;
}

type Delta = Pick<DayTotals, 'added' | 'removed' | 'pasted' | 'addedChars' | 'removedChars' | 'pastedChars'>;

/** Body size in both units. */
export interface Size {
  words: number;
  chars: number;
}

/** One change to a story, as the server measured it. */
export interface Change {
  work: string;
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

function emptyDay(): DayTotals {
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
  return r as ProgressRecord;
}

export class ProgressHistory {
  private readonly works = new Map<string, Map<Day, DayTotals>>();
  private readonly pending = new Map<string, ProgressRecord>();

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
    this.pending.clear();
  }

  /** Fold one record into the totals. */
  add(record: ProgressRecord): void {
    const day = this.dayOf(record.work, record.day, true);
    for (const k of DELTA_KEYS) day[k] += record[k];
    day.words = record.words;
    day.chars = record.chars;
    day.goal = record.goal;
    day.unit = record.unit;
  }

  /** The days of a work, by day. */
  daysOf(work: string): ReadonlyMap<Day, DayTotals> {
    return this.works.get(work) ?? new Map();
  }

  day(work: string, day: Day): DayTotals {
    return this.works.get(work)?.get(day) ?? emptyDay();
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
    const negated = Object.fromEntries(DELTA_KEYS.map((k) => [k, -recorded.delta[k]])) as Delta;
    this.apply(recorded.change, negated, goals);
    return this.record({ ...recorded.change, undo: true }, goals);
  }

  /** Remember today's goal as it is now, for a day with writing in it, so that the day is
   * later judged against the goal it ended with. (A story only opened and read leaves no
   * record; a day without writing needs none.) */
  noteGoal(work: string, day: Day, size: Size, goals: GoalSettings): void {
    const known = this.works.get(work)?.get(day);
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
    queued.words = record.words;
    queued.chars = record.chars;
    queued.goal = record.goal;
    queued.unit = record.unit;
  }

  private dayOf(work: string, day: Day, create: true): DayTotals {
    let days = this.works.get(work);
    if (!days) this.works.set(work, (days = new Map()));
    let totals = days.get(day);
    if (!totals && create) days.set(day, (totals = emptyDay()));
    return totals as DayTotals;
  }
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
