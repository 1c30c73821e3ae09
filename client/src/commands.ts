// User commands: statistics, insert header, restart the server.

import * as vscode from 'vscode';
import type { FicStats } from '../../server/src/protocol';
import { formatCount, METHOD_NAMES, signedCount } from './statusBar';

export interface CommandContext {
  stats(editor: vscode.TextEditor, withSelections: boolean): Promise<FicStats>;
  /** Words written in the story since this window first counted it, or null. */
  sessionWords(stats: FicStats): number | null;
  restart(): Promise<void>;
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
        await vscode.env.clipboard.writeText(pick.label.replace(/[,+±]/g, '').replace('−', '-'));
        vscode.window.setStatusBarMessage(`Copied ${pick.label}`, 2000);
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
    vscode.commands.registerCommand('fic.restartServer', () => ctx.restart()),
  );
}
