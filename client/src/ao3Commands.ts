// Fic: Preview for AO3, Fic: Copy Chapter as AO3 HTML, Fic: Copy AO3 Field...: the keyboard
// path to what the preview's buttons do.

import * as vscode from 'vscode';
import type { Ao3Form } from '../../server/src/protocol';
import { chapterAt, chapterName, copy, type Ao3Preview } from './ao3Preview';
import { formatCount } from './statusBar';

export interface Ao3CommandContext {
  form(uri: string): Promise<Ao3Form>;
  preview: Ao3Preview;
}

function activeFic(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'fic') return editor;
  void vscode.window.showInformationMessage('Open a fic (a .fic file, or set the language mode to Fic) first.');
  return undefined;
}

/** The story to copy from: the active fic, else the one the preview shows. */
async function currentForm(ctx: Ao3CommandContext): Promise<Ao3Form | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = editor?.document.languageId === 'fic' ? editor.document.uri.toString() : ctx.preview.state?.uri;
  if (!uri) {
    activeFic();
    return undefined;
  }
  try {
    return await ctx.form(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`Fic: could not build the AO3 form: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function registerAo3Commands(context: vscode.ExtensionContext, ctx: Ao3CommandContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('fic.previewAo3', async () => {
      const editor = activeFic();
      if (editor) await ctx.preview.show(editor.document);
    }),
    vscode.commands.registerCommand('fic.copyAo3Html', async () => {
      const form = await currentForm(ctx);
      if (!form) return;
      // The chapter the cursor is in: in the story's editor, else where the preview has it.
      const editor = vscode.window.activeTextEditor;
      const line = editor?.document.uri.toString() === form.uri ? editor.selection.active.line : ctx.preview.line;
      const chapter = chapterAt(form, line);
      const html = chapter?.html ?? form.chapter.html;
      const name = chapterName(form, chapter);
      if (name) {
        await vscode.env.clipboard.writeText(html);
        vscode.window.setStatusBarMessage(`${name} copied as AO3 HTML (${formatCount(chapter?.words ?? 0)} words)`, 3000);
      } else {
        await copy(html, `the chapter as AO3 HTML (${formatCount(form.chapter.words)} words)`);
      }
      return html;
    }),
    vscode.commands.registerCommand('fic.copyAo3Field', async () => {
      const form = await currentForm(ctx);
      if (!form) return;
      const editor = vscode.window.activeTextEditor;
      const chapter = chapterAt(form, editor?.document.uri.toString() === form.uri ? editor.selection.active.line : ctx.preview.line);
      const name = chapterName(form, chapter);
      const items: (vscode.QuickPickItem & { value: string })[] = [
        ...(chapter?.fields ?? form.fields).map((f) => ({
          label: f.label,
          description: f.value ? f.value.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) : '(empty)',
          detail: f.problems.length ? f.problems.join(' ') : undefined,
          value: f.value,
        })),
        { label: 'Work Text (HTML)', description: `${formatCount(chapter?.words ?? form.chapter.words)} words on AO3`, value: chapter?.html ?? form.chapter.html },
      ];
      const pick = await vscode.window.showQuickPick(items, { title: name ? `Copy an AO3 field of ${name}` : 'Copy an AO3 field', placeHolder: 'Pick the field to paste into AO3', matchOnDescription: true });
      if (pick) await copy(pick.value, pick.label);
    }),
  );
}
