// The figures a writer reads: today against the daily goal, the streak, the work's target
// and the pace it needs, and a day-by-day table. All in the writer's goal unit.
// The daily goal and the streak are the writer's: all their writing that day, in any work.
// The target, the table and the work's line are the work's: its chapters added up.

import type { GoalSettings, GoalUnit, ProgressDay, ProgressSummary, WorkTarget } from '../../protocol';
import type { WorkGoal } from '../header/goal';
import { addDays, daysBetween, type Day } from './day';
import { emptyDay, type DayTotals, type Size } from './history';

/** The longest streak looked for: ten years of days. */
const MAX_STREAK = 3660;

function inUnit(t: DayTotals, unit: GoalUnit): { added: number; removed: number; pasted: number } {
  return unit === 'characters'
    ? { added: Math.max(0, t.addedChars), removed: Math.max(0, t.removedChars), pasted: Math.max(0, t.pastedChars) }
    : { added: Math.max(0, t.added), removed: Math.max(0, t.removed), pasted: Math.max(0, t.pasted) };
}

/** The goal a day is judged against: today the current setting; earlier days the goal
 * recorded while writing that day (a goal changed mid-month does not rewrite the past). */
function goalOf(t: DayTotals, isToday: boolean, goals: GoalSettings): { goal: number; unit: GoalUnit } {
  if (isToday || t.goal === null) return { goal: goals.dailyWords, unit: goals.unit };
  return { goal: t.goal, unit: t.unit ?? goals.unit };
}

/** Whether a day keeps the streak: its goal met, or, with no goal, any writing at all. */
function met(t: DayTotals, isToday: boolean, goals: GoalSettings): boolean {
  const { goal, unit } = goalOf(t, isToday, goals);
  const added = inUnit(t, unit).added;
  return goal > 0 ? added >= goal : added > 0;
}

export function streak(days: ReadonlyMap<Day, DayTotals>, today: Day, goals: GoalSettings, before = streakBefore(days, today, goals)): number {
  const todayTotals = days.get(today);
  return todayTotals && met(todayTotals, true, goals) ? before + 1 : before;
}

/** Days in a row that met their goal, ending yesterday. Today's writing never changes it,
 * so it can be kept while the writer types. */
export function streakBefore(days: ReadonlyMap<Day, DayTotals>, today: Day, goals: GoalSettings): number {
  let day = addDays(today, -1);
  let n = 0;
  for (let i = 0; i < MAX_STREAK; i++) {
    const t = days.get(day);
    if (!t || !met(t, false, goals)) break;
    n++;
    day = addDays(day, -1);
  }
  return n;
}

export function workTarget(goal: WorkGoal | null, size: Size, today: Day, goals: GoalSettings): WorkTarget | null {
  if (!goal) return null;
  const unit = goal.unit ?? goals.unit;
  const current = unit === 'characters' ? size.chars : size.words;
  const remaining = Math.max(0, goal.target - current);
  if (goal.deadline === null) {
    return { target: goal.target, unit, deadline: null, current, remaining, daysLeft: null, pace: null, overdue: false };
  }
  const until = daysBetween(today, goal.deadline);
  const daysLeft = Math.max(0, until);
  // Past the deadline everything left is due now: the pace is what remains.
  const pace = remaining === 0 ? 0 : Math.ceil(remaining / (daysLeft + 1));
  return { target: goal.target, unit, deadline: goal.deadline, current, remaining, daysLeft, pace, overdue: until < 0 && remaining > 0 };
}

/** The work a summary is about: its chapters' writing today and its size now. */
export interface WorkFacts {
  id: string;
  title: string;
  chapters: number;
  today: DayTotals;
  size: Size;
  goal: WorkGoal | null;
}

export function summary(all: ReadonlyMap<Day, DayTotals>, uri: string, work: WorkFacts, today: Day, goals: GoalSettings, before?: number): ProgressSummary {
  const figures = inUnit(all.get(today) ?? emptyDay(), goals.unit);
  return {
    uri,
    work: work.id,
    workTitle: work.title,
    chapters: work.chapters,
    inWork: inUnit(work.today, goals.unit),
    day: today,
    unit: goals.unit,
    added: figures.added,
    removed: figures.removed,
    pasted: figures.pasted,
    dailyGoal: goals.dailyWords,
    goalMet: goals.dailyWords > 0 && figures.added >= goals.dailyWords,
    streak: streak(all, today, goals, before),
    target: workTarget(work.goal, work.size, today, goals),
  };
}

/** `count` days ending today, oldest first, in the goal unit. A day without writing is a
 * day of zeros; the work's size carries over from the last day that knew it. `all` (the
 * writer's days) gives what was written in every work and whether the daily goal was met;
 * without it, `days` are the writer's own. */
export function dayTable(days: ReadonlyMap<Day, DayTotals>, today: Day, goals: GoalSettings, count: number, size: Size | null, all: ReadonlyMap<Day, DayTotals> = days): ProgressDay[] {
  const first = addDays(today, -(count - 1));
  let total: number | null = lastTotalBefore(days, first, goals.unit);
  // A day without writing is judged against the goal in force: the last one recorded.
  let carried: { goal: number; unit: GoalUnit } | null = null;
  const out: ProgressDay[] = [];
  for (let i = 0; i < count; i++) {
    const day = addDays(first, i);
    const t = days.get(day);
    const isToday = day === today;
    if (t) {
      const known = goals.unit === 'characters' ? t.chars : t.words;
      if (known !== null) total = known;
    }
    if (isToday && size) total = goals.unit === 'characters' ? size.chars : size.words;
    const figures = t ? inUnit(t, goals.unit) : { added: 0, removed: 0, pasted: 0 };
    const w = all.get(day);
    const goal = w || isToday ? goalOf(w ?? emptyDay(), isToday, goals) : carried;
    if (w && w.goal !== null) carried = goalOf(w, false, goals);
    out.push({
      day,
      ...figures,
      net: figures.added - figures.removed,
      written: w ? inUnit(w, goals.unit).added : 0,
      goal: goal && goal.goal > 0 ? goal.goal : null,
      met: w ? met(w, isToday, goals) : false,
      total,
    });
  }
  return out;
}

/** Every recorded day of a work, oldest first, then today. */
export function allDays(days: ReadonlyMap<Day, DayTotals>, today: Day, goals: GoalSettings, size: Size | null, all: ReadonlyMap<Day, DayTotals> = days): ProgressDay[] {
  const recorded = [...days.keys()].sort();
  const first = recorded[0] ?? today;
  const span = Math.min(MAX_STREAK, Math.max(1, daysBetween(first, today) + 1));
  return dayTable(days, today, goals, span, size, all);
}

function lastTotalBefore(days: ReadonlyMap<Day, DayTotals>, first: Day, unit: GoalUnit): number | null {
  let best: Day | null = null;
  let total: number | null = null;
  for (const [day, t] of days) {
    const known = unit === 'characters' ? t.chars : t.words;
    if (day < first && known !== null && (best === null || day > best)) {
      best = day;
      total = known;
    }
  }
  return total;
}

/** The table as CSV, for a spreadsheet: one row a day, in the goal unit. */
export function csv(days: readonly ProgressDay[], unit: GoalUnit): string {
  const u = unit === 'characters' ? 'characters' : 'words';
  const rows = [`date,${u} added,${u} removed,net,pasted (not counted),work ${u},${u} written in all works,daily goal,goal met`];
  for (const d of days) {
    rows.push([d.day, d.added, d.removed, d.net, d.pasted, d.total ?? '', d.written, d.goal ?? '', d.goal === null ? '' : d.met ? 'yes' : 'no'].join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
