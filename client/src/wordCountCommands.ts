// The Word Count's two commands: Fic: Update Word Count (the server's source.fixAll.fic
// action, applied now), and the switch of counting method a quick fix asks for. The client
// decides nothing about the count: the server's action says what to write, or that there
// is nothing to do.

import * as vscode from 'vscode';
import { FIX_ALL_KIND, SET_WORD_COUNT_METHOD_COMMAND, type SetWordCountMethodArgs } from '../../server/src/protocol';

export const UPDATE_WORD_COUNT_COMMAND = 'fic.updateWordCount';

const WAYS = { whitespace: 'as a word processor does', ao3: 'as AO3 does' } as const;

export function registerWordCountCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(UPDATE_WORD_COUNT_COMMAND, updateWordCount),
    vscode.commands.registerCommand(SET_WORD_COUNT_METHOD_COMMAND, setWordCountMethod),
  );
}

async function updateWordCount(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'fic') {
    void vscode.window.showInformationMessage('Open a fic (a .fic file, or set the language mode to Fic) first.');
    return false;
  }
  const document = editor.document;
  const start = new vscode.Range(0, 0, 0, 0);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, start, FIX_ALL_KIND)) ?? [];
  const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage('Nothing to update: the Word Count is already right, or this story has no Word Count line.');
    return false;
  }
  return vscode.workspace.applyEdit(action.edit);
}

async function setWordCountMethod(args: SetWordCountMethodArgs): Promise<void> {
  if (!args || (args.method !== 'ao3' && args.method !== 'whitespace') || typeof args.uri !== 'string') return;
  const uri = vscode.Uri.parse(args.uri);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  // The folder the story is in; a story opened on its own changes the writer's own setting.
  const target = folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('fic', uri).update('wordCount.method', args.method, target);
  const where = folder ? `in ${folder.name}` : target === vscode.ConfigurationTarget.Global ? 'everywhere' : 'in this workspace';
  void vscode.window.showInformationMessage(`Words are now counted ${WAYS[args.method]} ${where}.`);
}
