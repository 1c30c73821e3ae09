// Goals and progress for the facade: the clock and the time zone come from outside (the
// server passes the real ones, tests a fake), the history is held here in memory and the
// server writes its records to the history file.

import type { FicSettings, ProgressReport, ProgressSummary } from '../../protocol';
import type { FicSource } from '../header/source';
import { bodyFigures } from '../header/stats';
import { parseGoal, type WorkGoal } from '../header/goal';
import { dailyChart, streakChart, workChart } from './charts';
import { isTimeZone, parseDayStart, writerDay, type Day } from './day';
import { ProgressHistory, type Recorded, type Size } from './history';
import { allDays, csv, dayTable, streak, summary } from './report';

export { ProgressHistory, parseRecord, type ProgressRecord, type Recorded, type Size } from './history';
export { writerDay, parseDayStart, addDays, daysBetween, type Day } from './day';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** The computer's IANA time zone, used when `fic.goals.timeZone` is empty. */
  zone(): string;
}

let systemZone: string | undefined;

export const systemClock: Clock = {
  now: () => Date.now(),
  // Read once: building a DateTimeFormat on every keystroke costs more than the count.
  zone: () => (systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
};

/** Days in the Show Progress view's bar chart and calendar. */
const VIEW_DAYS = 30;
const CALENDAR_DAYS = 7 * 10;

export interface Progress {
  readonly history: ProgressHistory;
  /** The writer's today by the clock, zone and `fic.goals.dayStartsAt`. */
  today(): Day;
  /** The story's body size in words (writer's method) and characters (no spaces). */
  size(source: FicSource): Size;
  /** Record one change that took the story from `before` to its current size. */
  record(work: string, before: Size, source: FicSource, undo: boolean): Recorded;
  reclassifyAsUndo(recorded: Recorded): Recorded;
  summary(source: FicSource, work: string): ProgressSummary;
  report(source: FicSource, work: string): ProgressReport;
  csv(source: FicSource, work: string): string;
}

export function createProgress(settings: () => FicSettings, clock: Clock): Progress {
  const history = new ProgressHistory();
  const zone = () => {
    const chosen = settings().goals.timeZone;
    return chosen && isTimeZone(chosen) ? chosen : clock.zone();
  };
  // Day boundaries fall on whole minutes: the day is worked out once a minute, not per keystroke.
  let cached: { key: string; day: Day } | null = null;
  const today = () => {
    const now = clock.now();
    const key = `${Math.floor(now / 60_000)}|${zone()}|${settings().goals.dayStartsAt}`;
    if (cached?.key !== key) cached = { key, day: writerDay(now, zone(), parseDayStart(settings().goals.dayStartsAt)) };
    return cached.day;
  };
  const size = (source: FicSource): Size => {
    const figures = bodyFigures(source.text, source.header());
    return { words: figures.words[settings().wordCount.method], chars: figures.charactersNoSpaces };
  };
  return {
    history,
    today,
    size,
    record(work, before, source, undo) {
      return history.record({ work, day: today(), before, after: size(source), undo }, settings().goals);
    },
    reclassifyAsUndo: (recorded) => history.reclassifyAsUndo(recorded, settings().goals),
    summary(source, work) {
      const s = size(source);
      const day = today();
      history.noteGoal(work, day, s, settings().goals);
      return summary(history, source.uri, work, day, settings().goals, s, workGoal(source));
    },
    report(source, work) {
      const s = size(source);
      const day = today();
      const goals = settings().goals;
      const head = summary(history, source.uri, work, day, goals, s, workGoal(source));
      const days = dayTable(history, work, day, goals, VIEW_DAYS, s);
      const calendar = dayTable(history, work, day, goals, CALENDAR_DAYS, s);
      // The work chart is in the target's own unit (`Goal: 80,000 characters`).
      const workGoals = head.target ? { ...goals, unit: head.target.unit } : goals;
      const workDays = head.target?.deadline ? allDays(history, work, day, workGoals, s) : dayTable(history, work, day, workGoals, VIEW_DAYS, s);
      return {
        summary: head,
        days,
        charts: {
          daily: dailyChart(days, goals.unit),
          work: workChart(workDays, head.target, head.target?.unit ?? goals.unit),
          streak: streakChart(calendar, streak(history, work, day, goals)),
        },
      };
    },
    csv: (source, work) => csv(allDays(history, work, today(), settings().goals, size(source)), settings().goals.unit),
  };
}

/** The work's Goal line, when it reads as one. */
export function workGoal(source: FicSource): WorkGoal | null {
  const field = source.header()?.fields.find((f) => f.name === 'Goal');
  if (!field) return null;
  const parsed = parseGoal(field.value);
  return 'goal' in parsed ? parsed.goal : null;
}
