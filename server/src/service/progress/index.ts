// Goals and progress for the facade: the clock and the time zone come from outside (the
// server passes the real ones, tests a fake), the history is held here in memory and the
// server writes its records to the history file.

import type { FicSettings, ProgressReport, ProgressSummary } from '../../protocol';
import type { FicSource } from '../header/source';
import { bodyFigures } from '../header/stats';
import { parseGoal, type WorkGoal } from '../header/goal';
import { dailyChart, streakChart, workChart } from './charts';
import { LOCAL_ZONE, isTimeZone, parseDayStart, writerDay, type Day } from './day';
import { ProgressHistory, type Recorded, type Size } from './history';
import { allDays, csv, dayTable, streak, streakBefore, summary, type WorkFacts } from './report';
import { canonicalUri } from '../work/uri';
import type { WorkIndex } from '../work/works';

export { ProgressHistory, parseRecord, type ProgressRecord, type Recorded, type Size } from './history';
export { writerDay, parseDayStart, addDays, daysBetween, LOCAL_ZONE, type Day } from './day';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** The zone used when `fic.goals.timeZone` is empty: an IANA zone, or LOCAL_ZONE for the
   * computer's own. */
  zone(): string;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  zone: () => LOCAL_ZONE,
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
  record(before: Size, source: FicSource, undo: boolean): Recorded;
  reclassifyAsUndo(recorded: Recorded): Recorded;
  /** Today (all writing), the streak, and the target of the work the story is a chapter of. */
  summary(source: FicSource): ProgressSummary;
  report(source: FicSource): ProgressReport;
  /** Every recorded day of the story's work. */
  csv(source: FicSource): string;
}

/** The chapters of the work a story belongs to, in order, as the works index has them. */
interface Scope {
  id: string;
  title: string;
  /** Chapter keys (canonical uris), the story's own among them. */
  chapters: readonly string[];
  chapterSet: ReadonlySet<string>;
  /** Chapters in the work now (a renamed one's old key is among `chapters`, not here). */
  count: number;
  /** The work's target. */
  goal: WorkGoal | null;
  /** The work's words by the writer's method now. */
  words: number;
}

/** A work's chapter keys, worked out once per grouping and per new chapter in the history. */
interface ChapterKeys {
  historyChapters: number;
  chapters: string[];
  set: Set<string>;
}

/** Canonical uris of the open stories, remembered: spelling one costs more than a summary. */
const MAX_KEYS = 1000;

export function createProgress(settings: () => FicSettings, clock: Clock, works?: WorkIndex): Progress {
  const keys = new Map<string, string>();
  const keyOf = (uri: string): string => {
    let key = keys.get(uri);
    if (key === undefined) {
      if (keys.size >= MAX_KEYS) keys.clear();
      keys.set(uri, (key = canonicalUri(uri)));
    }
    return key;
  };
  const history = new ProgressHistory(keyOf);
  const chapterKeys = new WeakMap<object, ChapterKeys>();
  // The streak up to yesterday, kept while the writer types: counting it walks back one
  // day at a time, as far as the streak goes, and only today's figures change meanwhile.
  let streakMemo: { key: string; value: number } | null = null;
  const streakToYesterday = (day: Day): number => {
    const goals = settings().goals;
    const key = `${day}|${goals.dailyWords}|${goals.unit}|${history.pastVersion}`;
    if (streakMemo?.key !== key) streakMemo = { key, value: streakBefore(history.allDays(), day, goals) };
    return streakMemo.value;
  };
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
  /** The story's work: the works index's grouping, or the story alone. */
  const scope = (source: FicSource): Scope => {
    const key = keyOf(source.uri);
    const state = works?.workState(key);
    if (!state) {
      const field = source.header()?.fields.find((f) => f.name === 'Goal');
      const alone = works?.figures(source, settings().wordCount.method);
      return { id: alone?.id ?? key, title: alone?.title ?? storyTitle(source), chapters: [key], chapterSet: new Set([key]), count: 1, goal: goalOf(field ? [field.value] : []), words: size(source).words };
    }
    const group = state.group;
    let known = chapterKeys.get(group);
    if (!known || known.historyChapters !== history.chapterCount) {
      const chapters = group.chapters.map((c) => c.uri);
      const set = new Set(chapters);
      // A chapter renamed or moved since it was written in still counts for its work.
      for (const chapter of history.chaptersOf(group.id)) {
        if (!set.has(chapter) && !works?.summary(chapter)) {
          chapters.push(chapter);
          set.add(chapter);
        }
      }
      known = { historyChapters: history.chapterCount, chapters, set };
      chapterKeys.set(group, known);
    }
    return {
      id: group.id,
      title: group.title,
      chapters: known.chapters,
      chapterSet: known.set,
      count: group.chapters.length,
      // Read each time: a chapter's Goal line changes in place as it is typed.
      goal: goalOf(group.chapters.map((c) => c.goal)),
      words: state.words[settings().wordCount.method],
    };
  };
  /** The work's size now: words from the works index (the running total); characters
   * from the open story and, for the other chapters, the history's last record of each
   * (the index counts no characters). Those are looked up only when a goal is in
   * characters: a keystroke in words never walks the other chapters. */
  const workSize = (source: FicSource, work: Scope, chars: boolean): Size => {
    const own = size(source);
    const words = work.words;
    if (!chars) return { words, chars: own.chars };
    const key = keyOf(source.uri);
    let total = own.chars;
    for (const c of work.chapters) if (c !== key) total += lastKnown(c)?.chars ?? 0;
    return { words, chars: total };
  };
  const lastKnown = (chapter: string): Size | null => {
    let best: Day | null = null;
    let out: Size | null = null;
    for (const [day, t] of history.daysOf(chapter)) {
      if (t.words !== null && t.chars !== null && (best === null || day > best)) {
        best = day;
        out = { words: t.words, chars: t.chars };
      }
    }
    return out;
  };
  const facts = (source: FicSource, day: Day): { work: Scope; facts: WorkFacts } => {
    const work = scope(source);
    const goal = work.goal;
    const chars = settings().goals.unit === 'characters' || goal?.unit === 'characters';
    return {
      work,
      facts: {
        id: work.id,
        title: work.title,
        chapters: work.count,
        today: history.dayOfMany(work.chapterSet, day),
        size: workSize(source, work, chars),
        goal,
      },
    };
  };
  /** The work's days, its chapters added up; a chapter with no record is as it is now. */
  const workDays = (source: FicSource, work: Scope) => {
    const key = keyOf(source.uri);
    const now = (chapter: string): Size | null => {
      if (chapter === key) return size(source);
      const words = works?.summary(chapter)?.words[settings().wordCount.method];
      // The index counts no characters: a chapter never written in adds its words only.
      return words === undefined ? null : { words, chars: 0 };
    };
    return history.daysOfMany(work.chapters, now);
  };
  return {
    history,
    today,
    size,
    record(before, source, undo) {
      const key = keyOf(source.uri);
      const workId = works?.workState(key)?.group.id;
      return history.record({ work: key, ...(workId === undefined ? {} : { workId }), day: today(), before, after: size(source), undo }, settings().goals);
    },
    reclassifyAsUndo: (recorded) => history.reclassifyAsUndo(recorded, settings().goals),
    summary(source) {
      const day = today();
      history.noteGoal(keyOf(source.uri), day, size(source), settings().goals);
      return summary(history.allDays(), source.uri, facts(source, day).facts, day, settings().goals, streakToYesterday(day));
    },
    report(source) {
      const day = today();
      const goals = settings().goals;
      const { work, facts: f } = facts(source, day);
      const head = summary(history.allDays(), source.uri, f, day, goals, streakToYesterday(day));
      const all = history.allDays();
      const mine = workDays(source, work);
      const days = dayTable(mine, day, goals, VIEW_DAYS, f.size, all);
      const written = dayTable(all, day, goals, VIEW_DAYS, null);
      const calendar = dayTable(all, day, goals, CALENDAR_DAYS, null);
      // The work chart is in the target's own unit (`Goal: 80,000 characters`).
      const workGoals = head.target ? { ...goals, unit: head.target.unit } : goals;
      const lineDays = head.target?.deadline ? allDays(mine, day, workGoals, f.size, all) : dayTable(mine, day, workGoals, VIEW_DAYS, f.size, all);
      return {
        summary: head,
        days,
        charts: {
          daily: dailyChart(written, goals.unit),
          work: workChart(lineDays, head.target, head.target?.unit ?? goals.unit),
          streak: streakChart(calendar, streak(all, day, goals, streakToYesterday(day))),
        },
      };
    },
    csv(source) {
      const day = today();
      const { work, facts: f } = facts(source, day);
      return csv(allDays(workDays(source, work), day, settings().goals, f.size, history.allDays()), settings().goals.unit);
    },
  };
}

/** A lone story's title: its Title field, else its file name. */
function storyTitle(source: FicSource): string {
  const title = source.header()?.fields.find((f) => f.name === 'Title')?.value.trim();
  if (title) return title;
  const path = source.uri.replace(/[?#].*$/, '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name) || 'story';
  } catch {
    return name || 'story';
  }
}

/** The work's target: the first chapter, in order, whose Goal line reads as one (the
 * work's fields are chapter 1's; a later chapter's Goal counts only when chapter 1 has none). */
function goalOf(lines: readonly (string | null)[]): WorkGoal | null {
  for (const line of lines) {
    if (line === null) continue;
    const parsed = parseGoal(line);
    if ('goal' in parsed) return parsed.goal;
  }
  return null;
}

/** The work's Goal line, when it reads as one. */
export function workGoal(source: FicSource): WorkGoal | null {
  const field = source.header()?.fields.find((f) => f.name === 'Goal');
  if (!field) return null;
  const parsed = parseGoal(field.value);
  return 'goal' in parsed ? parsed.goal : null;
}
