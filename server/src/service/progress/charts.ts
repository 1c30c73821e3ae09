// The progress charts as SVG strings: no chart library, no script, nothing fetched. Shapes
// carry classes (bar, met, goal, par, line, axis, label, cell...) and the view colours them
// with the theme's colours, so the same string is right in a light and a dark theme.
// Each chart has a title and a description for screen readers; the view also shows the
// same figures as a table.

import type { GoalUnit, ProgressDay, WorkTarget } from '../../protocol';
import { formatCount } from '../header/declared';
import { addDays, daysBetween, type Day } from './day';

const W = 600;
const H = 220;
const PAD = { left: 56, right: 12, top: 16, bottom: 28 };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Coordinates with at most one decimal, so snapshots are stable and short. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function svg(id: string, title: string, desc: string, body: string[], width = W, height = H): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fic-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(title)}</title>`,
    `<desc id="${id}-desc">${esc(desc)}</desc>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** A round top for the vertical axis: 1, 2 or 5 times a power of ten. */
function niceMax(v: number): number {
  if (v <= 0) return 10;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function shortDate(day: Day): string {
  const [, m, d] = day.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(d)} ${months[Number(m) - 1] ?? ''}`;
}

function yAxis(max: number, plotH: number, unit: GoalUnit): string[] {
  const out = [`<line class="axis" x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}"/>`];
  for (const f of [0, 0.5, 1]) {
    const y = PAD.top + plotH - f * plotH;
    out.push(`<text class="label" x="${PAD.left - 6}" y="${n(y + 4)}" text-anchor="end">${formatCount(Math.round(max * f))}</text>`);
  }
  out.push(`<text class="label" x="${PAD.left + 4}" y="${PAD.top - 4}">${unit}</text>`);
  return out;
}

/** The last days as bars of what was added, against each day's goal. */
export function dailyChart(days: readonly ProgressDay[], unit: GoalUnit): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(1, ...days.map((d) => Math.max(d.added, d.goal ?? 0))));
  const slot = plotW / Math.max(1, days.length);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const body = yAxis(max, plotH, unit);
  days.forEach((d, i) => {
    const x = PAD.left + i * slot;
    if (d.added > 0) {
      body.push(
        `<rect class="bar${d.met ? ' met' : ''}" x="${n(x + slot * 0.15)}" y="${n(y(d.added))}" width="${n(slot * 0.7)}" height="${n((d.added / max) * plotH)}"><title>${esc(`${shortDate(d.day)}: ${formatCount(d.added)} ${unit}`)}</title></rect>`,
      );
    }
    if (d.goal !== null) body.push(`<line class="goal" x1="${n(x)}" y1="${n(y(d.goal))}" x2="${n(x + slot)}" y2="${n(y(d.goal))}"/>`);
  });
  const first = days[0];
  const last = days[days.length - 1];
  if (first) body.push(`<text class="label" x="${PAD.left}" y="${H - 8}">${shortDate(first.day)}</text>`);
  if (last) body.push(`<text class="label" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${shortDate(last.day)}</text>`);
  const written = days.reduce((a, d) => a + d.added, 0);
  const metDays = days.filter((d) => d.met).length;
  return svg(
    'fic-daily',
    `${unit === 'words' ? 'Words' : 'Characters'} written each day`,
    `${days.length} days: ${formatCount(written)} ${unit} written in all; the daily goal met on ${metDays} of them.`,
    body,
  );
}

/** The work's size day by day, against the par line from its first recorded day to the
 * target on the deadline. */
export function workChart(days: readonly ProgressDay[], target: WorkTarget | null, unit: GoalUnit): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const known = days.filter((d) => d.total !== null) as (ProgressDay & { total: number })[];
  const start = days[0]?.day;
  const today = days[days.length - 1]?.day;
  if (!start || !today) return svg('fic-work', 'The work against its target', 'No days to show.', []);
  const end = target?.deadline && target.deadline > today ? target.deadline : today;
  const span = Math.max(1, daysBetween(start, end));
  const max = niceMax(Math.max(1, target?.target ?? 0, ...known.map((d) => d.total)));
  const x = (day: Day) => PAD.left + (daysBetween(start, day) / span) * plotW;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const body = yAxis(max, plotH, unit);
  if (target) {
    body.push(`<line class="target" x1="${PAD.left}" y1="${n(y(target.target))}" x2="${W - PAD.right}" y2="${n(y(target.target))}"/>`);
    const firstKnown = known[0];
    if (target.deadline && firstKnown) {
      // Par: from where the work stood on its first day here to the target on the deadline.
      const from = firstKnown.total - firstKnown.net;
      body.push(`<line class="par" x1="${n(x(firstKnown.day))}" y1="${n(y(from))}" x2="${n(x(target.deadline))}" y2="${n(y(target.target))}"/>`);
    }
  }
  if (known.length > 0) {
    body.push(`<polyline class="line" points="${known.map((d) => `${n(x(d.day))},${n(y(d.total))}`).join(' ')}"/>`);
    const last = known[known.length - 1] as ProgressDay & { total: number };
    body.push(`<circle class="dot" cx="${n(x(last.day))}" cy="${n(y(last.total))}" r="3"/>`);
  }
  body.push(`<text class="label" x="${PAD.left}" y="${H - 8}">${shortDate(start)}</text>`);
  body.push(`<text class="label" x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${shortDate(end)}</text>`);
  const now = known[known.length - 1]?.total ?? 0;
  const desc = target
    ? `${formatCount(now)} of ${formatCount(target.target)} ${unit}${target.deadline ? ` by ${target.deadline}` : ''}.`
    : `${formatCount(now)} ${unit}; no Goal line in the header.`;
  return svg('fic-work', 'The work against its target', desc, body);
}

/** Weeks of days as a calendar: a square a day, filled when the goal was met. */
export function streakChart(days: readonly ProgressDay[], streakDays: number): string {
  const cell = 14;
  const gap = 3;
  const last = days[days.length - 1]?.day;
  if (!last) return svg('fic-streak', 'Streak', 'No days to show.', [], 200, 40);
  // Columns are weeks starting on Monday; the first column holds the first day shown.
  const weekday = (day: Day) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const first = days[0]?.day ?? last;
  const origin = addDays(first, -weekday(first));
  const weeks = Math.floor(daysBetween(origin, last) / 7) + 1;
  const left = 28;
  const width = left + weeks * (cell + gap) + 4;
  const height = 7 * (cell + gap) + 20;
  const body: string[] = [];
  ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'].forEach((label, i) => {
    if (label) body.push(`<text class="label" x="0" y="${i * (cell + gap) + cell - 2}">${label}</text>`);
  });
  for (const d of days) {
    const offset = daysBetween(origin, d.day);
    const cx = left + Math.floor(offset / 7) * (cell + gap);
    const cy = (offset % 7) * (cell + gap);
    const cls = d.met ? 'cell met' : d.added > 0 ? 'cell wrote' : 'cell';
    body.push(`<rect class="${cls}" x="${cx}" y="${cy}" width="${cell}" height="${cell}" rx="2"><title>${esc(`${shortDate(d.day)}: ${d.met ? 'goal met' : d.added > 0 ? 'wrote, goal not met' : 'no writing'}`)}</title></rect>`);
  }
  body.push(`<text class="label" x="${left}" y="${height - 4}">${streakDays === 1 ? '1 day in a row' : `${formatCount(streakDays)} days in a row`}</text>`);
  const metDays = days.filter((d) => d.met).length;
  return svg('fic-streak', 'Streak calendar', `${metDays} of the last ${days.length} days met the goal; the streak is ${streakDays} ${streakDays === 1 ? 'day' : 'days'}.`, body, width, height);
}
