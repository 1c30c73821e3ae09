// The word-count status item. The server pushes document figures (fic/statsChanged);
// selections are asked for (fic/stats with ranges) after the selection settles. The item
// never hides and re-shows while a fic stays active, and never shows a count it knows to
// be stale: while the server is down it says so instead.

import * as vscode from 'vscode';
import type { FicStats, Range, StatsParams } from '../../server/src/protocol';
import { StatsChangedNotificationMethod, StatsRequestMethod } from '../../server/src/protocol';
import { formatCount } from '../../server/src/service/header/declared';
import type { StoryInView } from './storyInView';

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface StatsSource {
  request(params: StatsParams): Promise<FicStats>;
  onStats(listener: (stats: FicStats) => void): vscode.Disposable;
}

const SELECTION_DELAY_MS = 60;

// The server's: the two halves write numbers alike (see there for why not toLocaleString).
export { formatCount };

export function wordsLabel(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'word' : 'words'}`;
}

/** `1,293 words`, or `12 of 1,293 words` with a selection; in a work of several
 * chapters, followed by the work's total: `1,204 words · 18,630 in work`. */
export function statusText(stats: FicStats, selected: number | null): string {
  const chapter = selected === null ? wordsLabel(stats.words) : `${formatCount(selected)} of ${wordsLabel(stats.words)}`;
  return isMultiChapter(stats) ? `${chapter} · ${formatCount(stats.work.words)} in work` : chapter;
}

export function isMultiChapter(stats: FicStats): boolean {
  return !!stats.work && stats.work.chapters > 1;
}

/** A figure space: as wide as a digit, so padding with it keeps the item's width. */
export const FIGURE_SPACE = '\u2007';

/** The editor's non-empty selections as protocol ranges (fic/stats `ranges`), as plain
 * data: a vscode.Position's own fields are private, whatever a channel does with it. */
export function selectionRanges(editor: vscode.TextEditor): Range[] {
  const at = (p: vscode.Position) => ({ line: p.line, character: p.character });
  return editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: at(s.start), end: at(s.end) }));
}

/** `+312`, `−40`, `±0`: words written (or cut) this session. */
export function signedCount(n: number): string {
  return n > 0 ? `+${formatCount(n)}` : n < 0 ? `−${formatCount(-n)}` : '±0';
}

/** How each counting method is named where a writer reads it. */
export const METHOD_NAMES = { whitespace: 'split at spaces', ao3: 'as AO3 counts them' } as const;

export function tooltipMarkdown(stats: FicStats, selected: number | null, session: number | null = null): vscode.MarkdownString {
  const other = stats.method === 'ao3' ? 'whitespace' : 'ao3';
  const rows: [string, string][] = [
    [`Words, ${METHOD_NAMES[stats.method]}`, `**${formatCount(stats.words)}**`],
    [`Words, ${METHOD_NAMES[other]}`, formatCount(stats.wordsByMethod[other])],
  ];
  if (selected !== null) rows.push(['Selected', formatCount(selected)]);
  if (stats.declaredText !== null) rows.push(['Word Count in your header', stats.declaredText.replace(/[|\\`*_[\]<>]/g, '\\$&')]);
  rows.push(
    ['Characters', formatCount(stats.characters)],
    ['Characters, no spaces', formatCount(stats.charactersNoSpaces)],
    ['Paragraphs', formatCount(stats.paragraphs)],
    ['Reading time', `${stats.readingMinutes} min`],
    ...(isMultiChapter(stats)
      ? ([
          ['Work', stats.work.title.replace(/[|\\`*_[\]<>]/g, '\\$&')],
          ['Chapter', `${stats.work.position} of ${stats.work.chapters}${stats.work.declaredChapters ? ` (${stats.work.declaredChapters} planned)` : ''}`],
          ['Words in the work', `**${formatCount(stats.work.words)}**`],
        ] as [string, string][])
      : []),
    ...(session === null ? [] : ([['Written since you opened it', `${signedCount(session)} words`]] as [string, string][])),
    ["Left out: header, The End, author's notes", `${formatCount(stats.headerWords)}, ${formatCount(stats.trailerWords)}, ${formatCount(stats.noteWords)}`],
  );
  const md = new vscode.MarkdownString(
    `|Your story||\n|:--|--:|\n${rows.map(([k, v]) => `|${k}|${v}|`).join('\n')}\n\nClick for every figure.`,
  );
  md.isTrusted = false;
  return md;
}

export class WordCountStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** Latest figures per document, from notifications or requests. */
  private readonly latest = new Map<string, FicStats>();
  /** Body words by each method when this window first counted each story: the baseline of
   * "this session". Kept when a saved story is closed, so closing and reopening it in the
   * same window does not reset the session. */
  private readonly sessionStart = new Map<string, FicStats['wordsByMethod']>();
  private selected: number | null = null;
  /** The widest text shown for each story of a work: the item is padded to it, so that it
   * never narrows (and jumps) as the writer deletes a word. */
  private readonly widest = new Map<string, number>();
  private selectionTimer: ReturnType<typeof setTimeout> | undefined;
  private selectionRequest = 0;
  private state: ServerState = 'starting';
  private visible = false;

  constructor(
    private readonly source: StatsSource,
    private readonly inView: StoryInView,
  ) {
    this.item = vscode.window.createStatusBarItem('fic.wordCount', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Fic Word Count';
    this.item.command = 'fic.showStatistics';
    this.disposables.push(
      this.item,
      source.onStats((stats) => this.accept(stats)),
      inView.onDidChange(() => this.refresh(true)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== vscode.window.activeTextEditor) return;
        // Every keystroke moves the cursor; with nothing selected before or now, the pushed
        // figures are the whole answer, and a request would only delay the last of a burst.
        const known = this.latest.has(e.textEditor.document.uri.toString());
        if (known && this.selected === null && e.selections.every((s) => s.isEmpty)) return;
        this.scheduleSelection();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.latest.delete(doc.uri.toString());
        for (const key of this.widest.keys()) if (key.startsWith(`${doc.uri.toString()}|`)) this.widest.delete(key);
        // An untitled name (Untitled-1) is reused for the next new file: not the same story.
        if (doc.isUntitled) this.sessionStart.delete(doc.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('fic.statusBar')) this.refresh(true);
      }),
    );
  }

  /** Where completion ends in a story, from its latest figures (see completionTrigger). */
  completionEndLine(uri: string): number | undefined {
    return this.latest.get(uri)?.completionEndLine;
  }

  get text(): string {
    return this.visible ? this.item.text : '';
  }

  get tooltip(): string {
    if (!this.visible) return '';
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  get isVisible(): boolean {
    return this.visible;
  }

  setServerState(state: ServerState): void {
    this.state = state;
    if (state === 'running') this.refresh(true);
    else this.render();
  }

  /** Words written (negative: cut) in a story since this window first counted it, by the
   * configured method. */
  sessionWords(stats: FicStats): number | null {
    const start = this.sessionStart.get(stats.uri);
    return start ? stats.wordsByMethod[stats.method] - start[stats.method] : null;
  }

  /** Figures for a document, if the server has sent any. */
  statsFor(uri: string): FicStats | undefined {
    return this.latest.get(uri);
  }

  private activeFic(): vscode.TextEditor | undefined {
    return this.inView.editor();
  }

  private accept(stats: FicStats): void {
    const known = this.latest.get(stats.uri);
    // Answers can cross: never let an older version replace a newer one.
    if (known && known.version > stats.version) return;
    this.latest.set(stats.uri, stats);
    if (!this.sessionStart.has(stats.uri)) this.sessionStart.set(stats.uri, { ...stats.wordsByMethod });
    if (this.activeFic()?.document.uri.toString() === stats.uri) this.render();
  }

  /** Re-read everything for the active editor (editor switch, settings, server up). */
  private refresh(requestNow: boolean): void {
    this.selected = null;
    this.render();
    if (requestNow && this.activeFic() && this.state === 'running') this.scheduleSelection(0);
  }

  private scheduleSelection(delay = SELECTION_DELAY_MS): void {
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => void this.requestStats(), delay);
  }

  private async requestStats(): Promise<void> {
    const editor = this.activeFic();
    if (!editor || this.state !== 'running') return;
    const showSelection = vscode.workspace.getConfiguration('fic.statusBar').get<boolean>('showSelection', true);
    const ranges = showSelection ? selectionRanges(editor) : [];
    const ticket = ++this.selectionRequest;
    try {
      const stats = await this.source.request({ textDocument: { uri: editor.document.uri.toString() }, ranges });
      if (ticket !== this.selectionRequest) return; // a newer request is on its way
      this.selected = ranges.length ? stats.selections.reduce((a, b) => a + b, 0) : null;
      this.accept(stats);
      this.render();
    } catch {
      // The document closed or the server is restarting; the state change re-renders.
    }
  }

  private render(): void {
    const enabled = vscode.workspace.getConfiguration('fic.statusBar').get<boolean>('enabled', true);
    const editor = this.activeFic();
    if (!enabled || !editor) return this.hide();
    if (this.state === 'stopped') {
      this.item.text = '$(warning) Fic: no word count';
      this.item.tooltip = 'The Fic language server has stopped, so counts and checks are off. Click to restart it.';
      this.item.command = 'fic.restartServer';
      this.item.accessibilityInformation = { label: 'Fic language server stopped: no word count. Click to restart it.', role: 'button' };
      return this.show();
    }
    if (this.state === 'restarting') {
      this.item.text = '$(sync~spin) Fic: restarting';
      this.item.tooltip = 'The Fic language server stopped unexpectedly and is being restarted.';
      this.item.command = 'fic.showStatistics';
      this.item.accessibilityInformation = { label: 'Fic language server restarting.' };
      return this.show();
    }
    const stats = this.latest.get(editor.document.uri.toString());
    // Until the first figures arrive there is nothing true to show.
    if (!stats) return this.hide();
    this.item.command = 'fic.showStatistics';
    const text = statusText(stats, this.selected);
    this.item.text = this.steady(`${editor.document.uri.toString()}|${this.selected === null ? '' : 'selection'}`, text, isMultiChapter(stats));
    this.item.tooltip = tooltipMarkdown(stats, this.selected, this.sessionWords(stats));
    // Screen readers would otherwise read the tooltip's Markdown table, pipes and all.
    this.item.accessibilityInformation = { label: `${text}${this.selected === null ? '' : ' selected'}. Click for all statistics.`, role: 'button' };
    this.show();
  }

  private steady(key: string, text: string, pad: boolean): string {
    if (!pad) return text;
    const width = Math.max(text.length, this.widest.get(key) ?? 0);
    this.widest.set(key, width);
    return text.padStart(width, FIGURE_SPACE);
  }

  private show(): void {
    if (!this.visible) this.item.show();
    this.visible = true;
  }

  private hide(): void {
    if (this.visible) this.item.hide();
    this.visible = false;
  }

  dispose(): void {
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    for (const d of this.disposables) d.dispose();
  }
}

export { StatsChangedNotificationMethod, StatsRequestMethod };
