// Shared by the web tests: the extension and its API, the fixtures in the mounted folder,
// and waiting for a state with a deadline (never a fixed sleep).

import * as vscode from 'vscode';
import { CheckFailed, equal, ok } from './check';

export const EXTENSION_ID = 'ficwriter.fic-writer';

/** What the extension's activate() returns (client/src/extension.ts), mirrored: the tests
 * see the extension only as VS Code does. */
export interface FicExtensionApi {
  ready: Promise<void>;
  statusBarText(): string;
  statusBarTooltip(): string;
  statusBarVisible(): boolean;
  goalStatusText(): string;
  goalStatusTooltip(): string;
  /** Where the writing history is kept: on the web, a uri in the editor's storage. */
  historyFile(): string;
  /** Fic: Show Statistics' rows for the active fic. */
  statisticsRows(): Promise<string[]>;
  /** The AO3 preview: its story and the version of the form it got. */
  ao3Preview(): { uri: string; version: number } | undefined;
  works(): readonly { title: string; words: number; chapters: { uri: string; title: string; words: number }[] }[];
}

const POLL_MS = 25;
export const DEADLINE_MS = 15_000;

/** Poll until `probe` gives something other than undefined/false, or fail with what it last saw. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, deadlineMs = DEADLINE_MS): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > until) throw new CheckFailed(`Timed out after ${deadlineMs} ms waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function waitForValue<T>(what: string, get: () => T, expected: T, deadlineMs = DEADLINE_MS): Promise<void> {
  let seen: T | undefined;
  try {
    await waitFor(what, () => {
      seen = get();
      return seen === expected;
    }, deadlineMs);
  } catch {
    equal(seen, expected, `${what}, after ${deadlineMs} ms`);
  }
}

export function extension(): vscode.Extension<FicExtensionApi> {
  const ext = vscode.extensions.getExtension<FicExtensionApi>(EXTENSION_ID);
  ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function ficApi(): Promise<FicExtensionApi> {
  const api = await extension().activate();
  equal(typeof api?.statusBarText, 'function', 'activate() returns the API object');
  await api.ready;
  return api;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  ok(folder, 'the tests need the fixture folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function readFixture(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name)));
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(name)));
}

export async function openUntitled(text: string, language = 'fic'): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language, content: text }));
}

/** `Rating: |` -> the text without the marker and the marker's position. */
export function cursor(textWithCursor: string): { text: string; position: vscode.Position } {
  const at = textWithCursor.indexOf('|');
  ok(at >= 0, 'fixture has no | cursor marker');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: new vscode.Position(before.length - 1, (before[before.length - 1] as string).length) };
}

/** Close every editor without saving; only the tests' own fics are reverted. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled || (doc.isDirty && doc.languageId === 'fic')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ficDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'fic');
}
