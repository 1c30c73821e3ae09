// An empty fic says how to start, where the writer is already looking: a CodeLens on the
// first line that inserts the header. Emptiness is a whitespace check, not parsing: the
// moment the story has any text the lens goes.

import * as vscode from 'vscode';

export const INSERT_HEADER_LENS_TITLE = 'Start your story: insert a header (title, rating, warnings…)';

/** True when every line is blank. Stops at the first line with text, so a long story costs one line. */
export function isBlankDocument(doc: Pick<vscode.TextDocument, 'lineCount' | 'lineAt'>): boolean {
  for (let line = 0; line < doc.lineCount; line++) {
    if (!doc.lineAt(line).isEmptyOrWhitespace) return false;
  }
  return true;
}

class EmptyStoryLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Blank or not, per open fic: the lens is asked for again only when that flips. */
  private readonly blank = new Map<string, boolean>();

  noticeChange(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'fic') return;
    const key = doc.uri.toString();
    const now = isBlankDocument(doc);
    if (this.blank.get(key) !== now) {
      this.blank.set(key, now);
      this.changed.fire();
    }
  }

  forget(doc: vscode.TextDocument): void {
    this.blank.delete(doc.uri.toString());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const blank = isBlankDocument(doc);
    this.blank.set(doc.uri.toString(), blank);
    if (!blank) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: INSERT_HEADER_LENS_TITLE,
        tooltip: 'Inserts a header for you to fill in: Tab moves to the next field. You can also type header and press Tab.',
        command: 'fic.insertHeader',
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerEmptyStoryLens(context: vscode.ExtensionContext): void {
  const lens = new EmptyStoryLens();
  context.subscriptions.push(
    lens,
    vscode.languages.registerCodeLensProvider({ language: 'fic' }, lens),
    vscode.workspace.onDidChangeTextDocument((e) => lens.noticeChange(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => lens.forget(doc)),
  );
}
