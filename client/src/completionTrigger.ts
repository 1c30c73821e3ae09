// Suggestions in the header, opened by the client. The server advertises no trigger
// characters to VS Code (initializationOptions.triggersCompletion): a trigger character
// costs a completion round wherever it is typed, VS Code's snippet providers included,
// and writers type commas and colons in the body all the time, where nothing is offered.
// A `:` or `,` typed above the line the server says completion ends at opens the
// suggestions instead, as the trigger character did. Nothing is inserted: the writer
// still picks (or ignores) a suggestion.

import * as vscode from 'vscode';

const TRIGGERS: ReadonlySet<string> = new Set([':', ',']);

/** `endLine(uri)`: FicStats.completionEndLine of the latest figures for the story, or
 * undefined before the first ones. */
export function registerCompletionTrigger(endLine: (uri: string) => number | undefined): vscode.Disposable {
  return vscode.workspace.onDidChangeTextDocument((event) => {
    const { document, contentChanges } = event;
    // Undo and redo bring characters back; they were not typed now.
    if (document.languageId !== 'fic' || event.reason !== undefined || contentChanges.length !== 1) return;
    const change = contentChanges[0] as vscode.TextDocumentContentChangeEvent;
    if (!TRIGGERS.has(change.text)) return;
    if (vscode.window.activeTextEditor?.document !== document) return;
    const end = endLine(document.uri.toString());
    if (end === undefined || change.range.start.line >= end) return;
    // `auto`: as a trigger character would, show nothing when nothing fits (a comma in a
    // Summary), where an explicit request would say "No suggestions".
    void vscode.commands.executeCommand('editor.action.triggerSuggest', { auto: true });
  });
}
