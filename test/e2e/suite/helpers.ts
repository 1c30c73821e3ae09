// Shared by the in-host tests: finding the extension and its API, opening fixtures, and
// waiting for a state with a deadline (the server answers asynchronously; a fixed sleep
// would be both slow and flaky).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'ficwriter.fic-writer';

/** What the extension's activate() returns (client/src/extension.ts). Mirrored, not
 * imported: these tests see the extension only as VS Code does. */
export interface FicExtensionApi {
  ready: Promise<void>;
  statusBarText(): string;
  statusBarTooltip(): string;
  statusBarVisible(): boolean;
  ao3Preview(): { uri: string; version: number; viewColumn: number | undefined; rendered: string | null; chapter: number | null } | undefined;
  works(): readonly { title: string; words: number; declaredChapters: number | null; chapters: { uri: string; title: string; words: number }[] }[];
  goalStatusText(): string;
  goalStatusTooltip(): string;
  progressHtml(): string;
  statisticsRows(): Promise<string[]>;
  completionRequests(): number;
  /** Where the writing history is kept by default: in the extension's own storage. */
  historyFile(): string;
}

export const EOLS = [
  { name: 'LF', eol: '\n', vscode: vscode.EndOfLine.LF },
  { name: 'CRLF', eol: '\r\n', vscode: vscode.EndOfLine.CRLF },
] as const;

const POLL_MS = 25;
export const DEADLINE_MS = 15_000;

/**
 * Poll until `probe` returns something other than undefined/false, or fail after the
 * deadline with what it last saw.
 */
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
    if (Date.now() > until) throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Wait until a getter returns exactly `expected`; the failure names what it saw instead. */
export async function waitForValue<T>(what: string, get: () => T, expected: T, deadlineMs = DEADLINE_MS): Promise<void> {
  let seen: T | undefined;
  try {
    await waitFor(what, () => {
      seen = get();
      return seen === expected;
    }, deadlineMs);
  } catch {
    assert.fail(`${what}: expected ${JSON.stringify(expected)}, still ${JSON.stringify(seen)} after ${deadlineMs} ms`);
  }
}

export function extension(): vscode.Extension<FicExtensionApi> {
  const ext = vscode.extensions.getExtension<FicExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The API, once the language client runs. Activates the extension if needed. */
export async function ficApi(): Promise<FicExtensionApi> {
  const api = await extension().activate();
  assert.equal(typeof api?.statusBarText, 'function', 'activate() did not return the API object');
  await api.ready;
  return api;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open as a folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function readFixture(name: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(name)));
}

export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(doc);
}

/** An unsaved fic with the given text (line endings kept as given). */
export async function openUntitled(text: string, language = 'fic'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  return vscode.window.showTextDocument(doc);
}

/** `Rating: |` -> the text without the marker and the marker's position. */
export function cursor(textWithCursor: string): { text: string; position: vscode.Position } {
  const at = textWithCursor.indexOf('|');
  assert.ok(at >= 0, 'fixture has no | cursor marker');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at).split(/\r\n|\n/);
  return { text, position: new vscode.Position(before.length - 1, (before[before.length - 1] as string).length) };
}

export function withEol(text: string, eol: string): string {
  return text.replace(/\r\n|\n/g, eol);
}

/** Close every editor without saving: untitled fixtures are scratch. Only the tests' own
 * documents are reverted: VS Code's settings.json, which a settings change briefly marks
 * dirty, must not be shown (it raced the test's own editors, a flake seen in CI). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isUntitled || (doc.isDirty && doc.languageId === 'fic')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // The next untitled story is named Untitled-1 again. Until the extension host has let go
  // of the old one (and the language client has sent its didClose), the server may still
  // answer for the old text under that name: a completion test once got the previous
  // test's ratings. So wait for the scratch documents to be gone.
  await waitFor('the closed untitled stories to be released', () => !vscode.workspace.textDocuments.some((doc) => doc.isUntitled));
}

/** The range of the first occurrence of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${doc.uri.toString()}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ficDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'fic');
}
