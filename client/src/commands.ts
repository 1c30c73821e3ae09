// User commands: statistics, insert header, restart the server.

import * as vscode from 'vscode';
import type { FicStats, Work } from '../../server/src/protocol';
import { formatCount, METHOD_NAMES, signedCount, wordsLabel } from './statusBar';
import { chaptersLabel } from './worksView';

export interface CommandContext {
  stats(editor: vscode.TextEditor, withSelections: boolean): Promise<FicStats>;
  /** Words written in the story since this window first counted it, or null. */
  sessionWords(stats: FicStats): number | null;
  restart(): Promise<void>;
  /** The work holding a chapter, or null. */
  work(uri: string): Promise<Work | null>;
}

function activeFic(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'fic') return editor;
  void vscode.window.showInformationMessage('Open a fic (a .fic file, or set the language mode to Fic) first.');
  return undefined;
}

/** Every figure as a row; picking one copies it. */
export function statisticsItems(stats: FicStats, session: number | null = null): vscode.QuickPickItem[] {
  const other = stats.method === 'ao3' ? 'whitespace' : 'ao3';
  const items: vscode.QuickPickItem[] = [
    {
      label: formatCount(stats.words),
      description: `words in the story, ${METHOD_NAMES[stats.method]}`,
      detail: 'The count you chose. To count the other way, change Word Count: Method in the Fic Writer settings.',
    },
    { label: formatCount(stats.wordsByMethod[other]), description: `words in the story, ${METHOD_NAMES[other]}` },
  ];
  if (session !== null) {
    items.push({ label: signedCount(session), description: 'words written since you first opened the story in this window' });
  }
  if (stats.selections.length) {
    const n = stats.selections.length;
    items.push({ label: formatCount(stats.selections.reduce((a, b) => a + b, 0)), description: n === 1 ? 'words selected' : `words selected, in ${n} places` });
  }
  if (stats.declaredText !== null) {
    const agrees = stats.declared === stats.words ? 'matches the story' : 'differs from the story: the Problems panel says how';
    items.push({ label: stats.declaredText, description: `the Word Count in your header (${agrees})` });
  }
  items.push(
    { label: formatCount(stats.characters), description: 'characters in the story' },
    { label: formatCount(stats.charactersNoSpaces), description: 'characters, not counting spaces' },
    { label: formatCount(stats.paragraphs), description: 'paragraphs' },
    { label: formatCount(stats.sections), description: 'scenes and chapters' },
    { label: `${stats.readingMinutes} min`, description: 'reading time (set your reading speed in the Fic Writer settings)' },
    { label: formatCount(stats.headerWords), description: 'words in the header, left out of the count' },
    { label: formatCount(stats.trailerWords), description: 'words in the closing line, such as The End, left out of the count' },
    { label: formatCount(stats.noteWords), description: "words in author's notes, left out of the count" },
  );
  return items;
}

/** Every figure of a work, then each chapter's. */
export function workStatisticsItems(work: Work, readingSpeed: number): vscode.QuickPickItem[] {
  const minutes = work.words === 0 ? 0 : Math.max(1, Math.ceil(work.words / (readingSpeed > 0 ? readingSpeed : 250)));
  const items: vscode.QuickPickItem[] = [
    { label: formatCount(work.words), description: 'words in the work (the sum of its chapters, configured method)' },
    { label: formatCount(work.wordsByMethod.whitespace), description: 'words, whitespace (as `wc -w` counts)' },
    { label: formatCount(work.wordsByMethod.ao3), description: 'words, AO3 (the number the archive shows)' },
  ];
  const chapters = chaptersLabel(work);
  if (work.chapters.length > 1 || work.declaredChapters !== null) items.push({ label: chapters, description: 'chapters here, of those planned' });
  else items.push({ label: '1', description: 'chapter (a one-shot)' });
  if (work.status) items.push({ label: work.status, description: 'status' });
  if (work.rating) items.push({ label: work.rating, description: 'rating' });
  items.push(
    { label: formatCount(work.chapters.length ? Math.round(work.words / work.chapters.length) : 0), description: 'words per chapter, on average' },
    { label: `${minutes} min`, description: 'reading time of the whole work (setting fic.readingSpeed)' },
    { label: 'Chapters', kind: vscode.QuickPickItemKind.Separator },
  );
  for (const c of work.chapters) {
    items.push({
      label: formatCount(c.words),
      description: `chapter ${c.number}: ${c.title}`,
      detail: `${wordsLabel(c.wordsByMethod.whitespace)} by whitespace, ${wordsLabel(c.wordsByMethod.ao3)} by AO3`,
    });
  }
  return items;
}

export function registerCommands(context: vscode.ExtensionContext, ctx: CommandContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fic.showStatistics', async () => {
      const editor = activeFic();
      if (!editor) return;
      let stats: FicStats;
      try {
        stats = await ctx.stats(editor, true);
      } catch (error) {
        void vscode.window.showErrorMessage(`Fic: could not get statistics: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const name = editor.document.uri.path.split('/').pop() ?? 'story';
      const pick = await vscode.window.showQuickPick(statisticsItems(stats, ctx.sessionWords(stats)), {
        title: `Statistics: ${name}`,
        placeHolder: 'Pick a figure to copy it',
        matchOnDescription: true,
      });
      if (pick) {
        try {
          await vscode.env.clipboard.writeText(pick.label.replace(/[,+±]/g, '').replace('−', '-'));
          vscode.window.setStatusBarMessage(`Copied ${pick.label}`, 2000);
        } catch {
          // On vscode.dev the browser decides: it may refuse the clipboard to a page.
          void vscode.window.showWarningMessage(`Could not copy ${pick.label}: this browser did not let VS Code use the clipboard.`);
        }
      }
    }),
    vscode.commands.registerCommand('fic.insertHeader', async () => {
      const editor = activeFic();
      if (!editor) return;
      try {
        const stats = await ctx.stats(editor, false);
        if (stats.headerWords > 0) {
          void vscode.window.showInformationMessage('This story already has a header. To add a field, start a new line in the header and press Ctrl+Space for suggestions.');
          return;
        }
      } catch {
        // No figures (server restarting): insert anyway, the writer asked for it.
      }
      const start = new vscode.Position(0, 0);
      editor.selection = new vscode.Selection(start, start);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'fic', name: 'Fic header' });
    }),
    vscode.commands.registerCommand('fic.showWorkStatistics', async () => {
      const editor = activeFic();
      if (!editor) return;
      let work: Work | null;
      try {
        work = await ctx.work(editor.document.uri.toString());
      } catch (error) {
        void vscode.window.showErrorMessage(`Fic: could not get the work's statistics: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (!work) {
        void vscode.window.showInformationMessage('Fic: this story is not part of a work yet; save it in a folder of your workspace.');
        return;
      }
      const speed = vscode.workspace.getConfiguration('fic', editor.document.uri).get<number>('readingSpeed', 250);
      const pick = await vscode.window.showQuickPick(workStatisticsItems(work, speed), {
        title: `Work statistics: ${work.title}`,
        placeHolder: 'Pick a figure to copy it',
        matchOnDescription: true,
      });
      if (pick) {
        await vscode.env.clipboard.writeText(pick.label.replace(/[,]/g, ''));
        vscode.window.setStatusBarMessage(`Copied ${pick.label}`, 2000);
      }
    }),
    vscode.commands.registerCommand('fic.restartServer', () => ctx.restart()),
  );
}
