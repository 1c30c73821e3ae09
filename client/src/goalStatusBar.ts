// The goal status item, beside the word count: `412 / 1,000 today`, done when met. The
// figures are the server's (fic/progressChanged, fic/progress); this only shows them.
// Its width does not change as a writer types: the count is padded with figure spaces to
// the width of the goal, and the icon before it is the same size met or not.

import * as vscode from 'vscode';
import type { GoalUnit, ProgressParams, ProgressSummary } from '../../server/src/protocol';
import { formatCount } from './statusBar';
import type { StoryInView } from './storyInView';

export interface ProgressSource {
  request(params: ProgressParams): Promise<ProgressSummary>;
  onProgress(listener: (summary: ProgressSummary) => void): vscode.Disposable;
}

/** The day can end while a story sits open and unedited: look again this often. */
const REFRESH_MS = 60_000;
const FIGURE_SPACE = '\u2007';
const PUNCTUATION_SPACE = '\u2008';

/** `412` padded to the width of `1,000`: digits as figure spaces, commas as punctuation spaces. */
export function padTo(count: string, like: string): string {
  if (count.length >= like.length) return count;
  const missing = like.slice(0, like.length - count.length);
  return missing.replace(/\d/g, FIGURE_SPACE).replace(/,/g, PUNCTUATION_SPACE) + count;
}

function unitWord(unit: GoalUnit, n: number): string {
  if (unit === 'characters') return n === 1 ? 'character' : 'characters';
  return n === 1 ? 'word' : 'words';
}

/** `412 / 1,000 today`, or with the daily goal off, `412 today`. */
export function goalText(p: ProgressSummary): string {
  if (p.dailyGoal > 0) {
    const goal = formatCount(p.dailyGoal);
    return `${p.goalMet ? '$(pass-filled)' : '$(circle-large-outline)'} ${padTo(formatCount(p.added), goal)} / ${goal} today`;
  }
  return `$(edit) ${padTo(formatCount(p.added), '1,000')} today`;
}

export function goalLabel(p: ProgressSummary): string {
  const written = `${formatCount(p.added)} ${unitWord(p.unit, p.added)} written today`;
  if (p.dailyGoal <= 0) return `${written}.`;
  return p.goalMet ? `${written}: daily goal of ${formatCount(p.dailyGoal)} met.` : `${written} of a daily goal of ${formatCount(p.dailyGoal)}.`;
}

/** The figures behind the item, as rows (label, value), in a writer's words. */
export function goalRows(p: ProgressSummary): [string, string][] {
  const u = (n: number) => `${formatCount(n)} ${unitWord(p.unit, n)}`;
  // The daily goal is the writer's, whichever work they write in; the rest is the work's.
  const rows: [string, string][] = [['Written today, all works', u(p.added)]];
  if (p.dailyGoal > 0) rows.push(['Daily goal', p.goalMet ? `${u(p.dailyGoal)}, met` : `${u(p.dailyGoal)}, ${formatCount(p.dailyGoal - p.added)} to go`]);
  rows.push(['Streak', p.streak === 1 ? '1 day' : `${formatCount(p.streak)} days`]);
  rows.push(['Work', p.chapters > 1 ? `${p.workTitle}, ${formatCount(p.chapters)} chapters` : p.workTitle]);
  rows.push(['Written today in this work', u(p.inWork.added)]);
  rows.push(['Cut today in this work', u(p.inWork.removed)]);
  if (p.inWork.pasted > 0) rows.push(['Pasted today, not counted', u(p.inWork.pasted)]);
  const t = p.target;
  if (t) {
    const tu = (n: number) => `${formatCount(n)} ${unitWord(t.unit, n)}`;
    rows.push(['Work target', `${formatCount(t.current)} of ${tu(t.target)}${t.deadline ? ` by ${t.deadline}` : ''}`]);
    if (t.remaining === 0) rows.push(['Still to write', 'nothing: target reached']);
    else rows.push(['Still to write', tu(t.remaining)]);
    if (t.deadline !== null && t.remaining > 0) {
      if (t.overdue) rows.push(['Deadline', 'passed']);
      else rows.push(['Days left', t.daysLeft === 0 ? 'today is the last day' : `${formatCount(t.daysLeft ?? 0)} after today`]);
      if (t.pace !== null) rows.push(['Pace needed', `${tu(t.pace)} a day`]);
    }
  }
  return rows;
}

export function goalTooltip(p: ProgressSummary): vscode.MarkdownString {
  const escape = (s: string) => s.replace(/[|\\`*_[\]<>]/g, '\\$&');
  const md = new vscode.MarkdownString(
    `|Goals||\n|:--|--:|\n${goalRows(p).map(([k, v]) => `|${escape(k)}|${escape(v)}|`).join('\n')}\n\nClick for the progress view.`,
  );
  md.isTrusted = false;
  return md;
}

export class GoalStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly latest = new Map<string, ProgressSummary>();
  private readonly timer: ReturnType<typeof setInterval>;
  private running = false;
  private visible = false;

  constructor(
    private readonly source: ProgressSource,
    private readonly inView: StoryInView,
  ) {
    // Just right of the word count (which has priority 100).
    this.item = vscode.window.createStatusBarItem('fic.goal', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Fic Goal';
    this.item.command = 'fic.showProgress';
    this.disposables.push(
      this.item,
      source.onProgress((p) => this.accept(p)),
      inView.onDidChange(() => this.refresh()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.latest.delete(doc.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fic.statusBar')) this.render();
      }),
    );
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  get text(): string {
    return this.visible ? this.item.text : '';
  }

  get tooltip(): string {
    if (!this.visible) return '';
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  /** Show figures only while the server runs: a stopped server's figures are stale. */
  setRunning(running: boolean): void {
    this.running = running;
    // A restarted server reads the history anew: figures from the old one are not shown
    // as if they were its answer.
    if (!running) this.latest.clear();
    if (running) this.refresh();
    else this.render();
  }

  private activeUri(): string | undefined {
    return this.inView.editor()?.document.uri.toString();
  }

  private accept(p: ProgressSummary): void {
    this.latest.set(p.uri, p);
    if (this.activeUri() === p.uri) this.render();
  }

  private refresh(): void {
    this.render();
    const uri = this.activeUri();
    if (!uri || !this.running) return;
    this.source.request({ textDocument: { uri } }).then(
      (p) => this.accept(p),
      () => undefined, // closed, or the server is restarting: its state change re-renders
    );
  }

  private render(): void {
    const enabled = vscode.workspace.getConfiguration('fic.statusBar').get<boolean>('enabled', true);
    const uri = this.activeUri();
    const p = uri ? this.latest.get(uri) : undefined;
    if (!enabled || !p || !this.running) return this.hide();
    this.item.text = goalText(p);
    this.item.tooltip = goalTooltip(p);
    this.item.accessibilityInformation = { label: `${goalLabel(p)} Click for the progress view.`, role: 'button' };
    if (!this.visible) this.item.show();
    this.visible = true;
  }

  private hide(): void {
    if (this.visible) this.item.hide();
    this.visible = false;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
