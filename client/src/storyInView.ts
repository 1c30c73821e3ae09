// The story the status items speak for. Usually the active editor's; but when no text
// editor has the focus (the writer clicked into the AO3 preview or the progress view beside
// the story, or the editor is between tabs) the story still on screen keeps its figures,
// instead of the count blinking out and back.

import * as vscode from 'vscode';

function isFic(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return editor?.document.languageId === 'fic';
}

export class StoryInView implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The story in view may have changed: another editor, or the last story's tab closed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.disposables = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        this.remember(editor);
        this.changed.fire();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => {
        if (!vscode.window.activeTextEditor) this.changed.fire();
      }),
    ];
  }

  /** The active story, or with no text editor active the last story while it is on screen. */
  editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) {
      this.remember(active);
      return isFic(active) ? active : undefined;
    }
    const last = this.last;
    if (!last) return undefined;
    return vscode.window.visibleTextEditors.find((e) => e.document === last.document && e.viewColumn === last.viewColumn);
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    // A text editor that is not a story (settings.json, a plain file) forgets the story:
    // the writer has moved on. No text editor at all leaves it be.
    if (editor) this.last = isFic(editor) ? editor : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
