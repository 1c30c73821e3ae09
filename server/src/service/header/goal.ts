// A work's target, written in its header: `Goal: 50,000 by 2026-11-30`, `Goal: 80k`,
// `Goal: 100,000 characters by 2027-01-31`. It lives in the header because the header is
// the writer's own file, travels with the story (git, backups, another machine) and is
// edited like every other field; the AO3 export leaves it out.

import { parseDeclaredCount } from './declared';

export type GoalUnit = 'words' | 'characters';

export interface WorkGoal {
  target: number;
  /** Written in the value (`characters`), or null: the writer's goal unit applies. */
  unit: GoalUnit | null;
  /** `YYYY-MM-DD`, or null for a target without a date. */
  deadline: string | null;
}

export type GoalProblem = { kind: 'no-number' } | { kind: 'bad-date'; text: string; start: number; end: number };

const UNIT = /^\s*(words?|characters?|chars?|字|文字)/i;
const DEADLINE = /\b(?:by|due|until|before)\s+(\S+)/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseGoal(value: string): { goal: WorkGoal } | { problem: GoalProblem } {
  const count = parseDeclaredCount(value);
  if (!count || count.value <= 0) return { problem: { kind: 'no-number' } };
  const rest = value.slice(count.numberEnd).replace(/^\s?k\b/i, '');
  const unitMatch = UNIT.exec(rest);
  const unit: GoalUnit | null = unitMatch ? (/^w/i.test(unitMatch[1] as string) ? 'words' : 'characters') : null;
  const due = DEADLINE.exec(rest);
  if (!due) return { goal: { target: count.value, unit, deadline: null } };
  const text = (due[1] as string).replace(/[.,;]$/, '');
  const start = count.numberEnd + value.slice(count.numberEnd).indexOf(due[0]) + due[0].length - (due[1] as string).length;
  if (!isRealDate(text)) return { problem: { kind: 'bad-date', text, start, end: start + text.length } };
  return { goal: { target: count.value, unit, deadline: text } };
}

function isRealDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
