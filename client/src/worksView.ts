// The Explorer view "Fic Works": each work with its total, chapters present out of
// declared (or Complete), and rating; under it, its chapters in reading order with their
// titles and counts. The server sends the works (fic/worksChanged) whenever a file is
// saved, added or deleted or a chapter is typed in; the view only shows them.

import * as vscode from 'vscode';
import type { Work, WorkChapter, WorksChangedParams, WorksResult } from '../../server/src/protocol';
import { formatCount, wordsLabel } from './statusBar';

export interface WorksSource {
  request(): Promise<WorksResult>;
  onWorks(listener: (result: WorksChangedParams) => void): vscode.Disposable;
}

type Node = { kind: 'work'; work: Work } | { kind: 'chapter'; work: Work; chapter: WorkChapter };

const COMPLETE = /^(complete|completed|finished|done)$/i;

/** `3/10`, `3/?`, or `Complete` when the header says so; a one-shot says only its
 * status (a lone story is not chapter 1 of an unknown number). */
export function chaptersLabel(work: Work): string {
  const present = work.chapters.length;
  if (present === 1 && work.declaredChapters === null) return work.status ?? '';
  if (work.status && COMPLETE.test(work.status.trim())) return `Complete, ${present}/${work.declaredChapters ?? present}`;
  return `${present}/${work.declaredChapters ?? '?'}${work.status ? ` ${work.status}` : ''}`;
}

/** `18,630 words · 3/10 · Teen And Up Audiences`. */
export function workDescription(work: Work): string {
  return [wordsLabel(work.words), chaptersLabel(work), work.rating].filter((x): x is string => !!x).join(' · ');
}

/** The works held, with those of `folders` replaced by `changed`: in the server's order,
 * by folder (compared as the server sorts them), a folder's works as the server sent them. */
export function mergeWorks(held: readonly Work[], changed: readonly Work[], folders: readonly string[]): Work[] {
  const replaced = new Set(folders);
  const merged = [...held.filter((w) => !replaced.has(w.folder)), ...changed];
  // Stable: within a folder the order stays the server's.
  return merged.sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

export class WorksView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private works: Work[] = [];
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<Node>;

  constructor(private readonly source: WorksSource) {
    this.view = vscode.window.createTreeView('fic.works', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, source.onWorks((result) => this.accept(result)));
  }

  /** Ask for the works now (the server is running). */
  async load(): Promise<void> {
    try {
      this.accept(await this.source.request());
    } catch {
      // The server is restarting; its fic/worksChanged will fill the view.
    }
  }

  /** The works shown, for the extension's tests. */
  get current(): readonly Work[] {
    return this.works;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  private accept(result: WorksChangedParams): void {
    if (!result || !Array.isArray(result.works)) return;
    this.works = Array.isArray(result.folders) ? mergeWorks(this.works, result.works, result.folders) : result.works;
    this.loaded = true;
    const total = this.works.reduce((sum, w) => sum + w.words, 0);
    this.view.description = this.works.length ? wordsLabel(total) : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.works.map((work) => ({ kind: 'work', work }));
    if (node.kind === 'work' && node.work.chapters.length > 1) return node.work.chapters.map((chapter) => ({ kind: 'chapter', work: node.work, chapter }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'work') {
      const { work } = node;
      const single = work.chapters.length === 1 ? work.chapters[0] : undefined;
      const item = new vscode.TreeItem(work.title, single ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = work.id;
      item.description = workDescription(work);
      item.iconPath = new vscode.ThemeIcon(single ? 'file-text' : 'book');
      item.contextValue = 'ficWork';
      item.tooltip = new vscode.MarkdownString(
        `**${escape(work.title)}**\n\n${formatCount(work.words)} words in ${work.chapters.length} chapter${work.chapters.length === 1 ? '' : 's'}` +
          `${work.declaredChapters ? ` of ${work.declaredChapters}` : ''}` +
          `${work.status ? `\n\nStatus: ${escape(work.status)}` : ''}${work.rating ? `\n\nRating: ${escape(work.rating)}` : ''}`,
      );
      if (single) {
        item.resourceUri = vscode.Uri.parse(single.uri);
        item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(single.uri)] };
      }
      return item;
    }
    const { chapter } = node;
    const item = new vscode.TreeItem(`${chapter.number}. ${chapter.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.work.id}\u0000${chapter.uri}`;
    item.description = wordsLabel(chapter.words);
    item.iconPath = new vscode.ThemeIcon('file-text');
    item.resourceUri = vscode.Uri.parse(chapter.uri);
    item.tooltip = `${chapter.title}: ${wordsLabel(chapter.words)}`;
    item.command = { command: 'vscode.open', title: 'Open Chapter', arguments: [vscode.Uri.parse(chapter.uri)] };
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
