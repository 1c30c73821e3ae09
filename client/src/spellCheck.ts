// LTeX+ starts only for the languages it lists in its own activation events, so with fic
// in its ltex.enabled (our configurationDefaults) it would still sit idle until the writer
// ran "LTeX: Activate Extension". When a fic opens and LTeX is installed and enabled for
// fic, activate it. Code Spell Checker needs nothing here: it starts on any file.

import * as vscode from 'vscode';

/** LTeX+ and its predecessor LTeX, which read the same ltex.* settings. */
export const LTEX_EXTENSION_IDS = ['ltex-plus.vscode-ltex-plus', 'valentjn.vscode-ltex'];

/** Whether an ltex.enabled value (true, false, or a list of language ids) turns LTeX on for fic. */
export function ltexChecksFic(enabled: unknown): boolean {
  return Array.isArray(enabled) && enabled.includes('fic');
}

function wakeLtex(): void {
  if (!ltexChecksFic(vscode.workspace.getConfiguration('ltex').get<unknown>('enabled'))) return;
  for (const id of LTEX_EXTENSION_IDS) {
    const ltex = vscode.extensions.getExtension(id);
    if (ltex && !ltex.isActive) {
      ltex.activate().then(undefined, () => {
        // LTeX reports its own start-up failures to the writer.
      });
    }
  }
}

export function registerSpellCheckers(context: vscode.ExtensionContext): void {
  const onFic = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'fic') wakeLtex();
  };
  vscode.workspace.textDocuments.forEach(onFic);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(onFic));
}
