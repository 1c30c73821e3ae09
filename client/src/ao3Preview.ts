// Fic: Preview for AO3: a webview beside the story laid out like AO3's Post New Work form.
// The server builds the form (fic/ao3Form); this file only shows it, keeps it on the active
// story as the writer types, and copies what the writer asks for.

import * as vscode from 'vscode';
import { ao3Refuses, type Ao3Form, type Ao3FormChapter, type Ao3FormField } from '../../server/src/protocol';
import { formatCount } from './statusBar';

export interface Ao3Source {
  form(uri: string): Promise<Ao3Form>;
  /** The works changed on disk or in another editor: a closed first chapter may have
   * changed the fields a later chapter shows. */
  onWorks?: vscode.Event<unknown>;
}

/** What the preview shows, for the extension's own tests. */
export interface Ao3PreviewState {
  uri: string;
  version: number;
  viewColumn: number | undefined;
  /** The text the webview itself reported after its last render: proof it drew the form. */
  rendered: string | null;
  /** The number of the chapter shown: the one the cursor is in. */
  chapter: number | null;
}

/** Messages from the webview. */
type FromWebview = { type: 'copy'; key: string } | { type: 'rendered'; version: number; text: string };

const UPDATE_DELAY_MS = 150;

function isFic(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc?.languageId === 'fic';
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? 'story');
}

/** The chapter of the form that holds `line` of its file (the first if none does). */
export function chapterAt(form: Ao3Form, line: number): Ao3FormChapter | undefined {
  return form.chapters.find((c) => line >= c.startLine && line < c.endLine) ?? form.chapters[0];
}

/** `Chapter 2 of 3`, for a file of several chapters; '' for a story of one. */
export function chapterName(form: Ao3Form, chapter: Ao3FormChapter | undefined): string {
  return chapter && form.chapters.length > 1 ? `Chapter ${chapter.number} of ${chapter.of ?? '?'}` : '';
}

/** The value to paste for a form row of the chapter shown. */
function fieldValue(form: Ao3Form, key: string, line: number): { label: string; value: string } | null {
  const chapter = chapterAt(form, line);
  const name = chapterName(form, chapter);
  if (key === 'chapterHtml') return { label: name ? `${name} as AO3 HTML` : 'chapter text (HTML)', value: chapter?.html ?? form.chapter.html };
  const row = (chapter?.fields ?? form.fields).find((f) => f.key === key);
  return row ? { label: row.label, value: row.value } : null;
}

export class Ao3Preview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private form: Ao3Form | undefined;
  private rendered: string | null = null;
  /** The cursor's line in the story shown: it picks the chapter of a file of several. */
  private cursorLine = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private again = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly source: Ao3Source) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        // The story shown, or another story of its folder: a work's chapters share a folder,
        // and its first chapter gives the fields a later chapter's form shows.
        if (this.panel && this.uri && (e.document.uri.toString() === this.uri || (isFic(e.document) && folderOf(e.document.uri.toString()) === folderOf(this.uri)))) this.schedule();
      }),
      // A save, a checkout or another editor's change to chapter 1 reaches us only as
      // changed works; asking again is cheap and is folded into the pending update.
      ...(source.onWorks ? [source.onWorks(() => this.panel && this.uri && this.schedule())] : []),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Follow the story being written; other editors (settings, output) leave it be.
        if (this.panel && isFic(editor?.document) && editor.document.uri.toString() !== this.uri) {
          this.uri = editor.document.uri.toString();
          this.cursorLine = editor.selection.active.line;
          this.schedule(0);
        }
      }),
      // The chapter under the cursor, from the form already here: no request to the server.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.panel || e.textEditor.document.uri.toString() !== this.uri) return;
        const before = this.form && chapterAt(this.form, this.cursorLine);
        this.cursorLine = e.selections[0]?.active.line ?? 0;
        if (this.form && chapterAt(this.form, this.cursorLine) !== before) this.post();
      }),
    );
  }

  get state(): Ao3PreviewState | undefined {
    if (!this.panel || !this.uri || !this.form) return undefined;
    return { uri: this.uri, version: this.form.version, viewColumn: this.panel.viewColumn, rendered: this.rendered, chapter: chapterAt(this.form, this.cursorLine)?.number ?? null };
  }

  /** The cursor's line in the story the preview shows. */
  get line(): number {
    return this.cursorLine;
  }

  private post(): void {
    if (this.panel && this.form && this.uri) void this.panel.webview.postMessage({ type: 'form', view: view(this.form, fileName(this.uri), this.cursorLine) });
  }

  /** Open (or reveal) the preview beside the story. */
  async show(doc: vscode.TextDocument): Promise<void> {
    this.uri = doc.uri.toString();
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    this.cursorLine = editor ? editor.selection.active.line : 0;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'fic.ao3Preview',
        `AO3: ${fileName(this.uri)}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.webview.html = page(this.panel.webview);
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m), undefined, this.disposables);
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.form = undefined;
        this.rendered = null;
      }, undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.update();
  }

  private schedule(delay = UPDATE_DELAY_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  /** Ask the server for the form; a change during the request asks once more after it. */
  private async update(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const uri = this.uri;
    if (!this.panel || !uri) return;
    this.inFlight = true;
    try {
      const form = await this.source.form(uri);
      if (this.panel && uri === this.uri) {
        this.form = form;
        this.panel.title = `AO3: ${fileName(uri)}`;
        this.post();
      }
    } catch (error) {
      void this.panel?.webview.postMessage({ type: 'error', message: `The preview could not be built: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        void this.update();
      }
    }
  }

  private onMessage(m: FromWebview): void {
    if (m.type === 'rendered') {
      if (this.form && m.version === this.form.version) this.rendered = m.text;
      return;
    }
    if (m.type === 'copy' && this.form) {
      const field = fieldValue(this.form, m.key, this.cursorLine);
      if (field) void copy(field.value, field.label);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export async function copy(value: string, label: string): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(value ? `Copied ${label}` : `${label} is empty: nothing to paste`, 3000);
}

/** The rows as the webview draws them: plain strings, HTML only where the server made it. */
interface View {
  title: string;
  version: number;
  refusals: string[];
  changes: string[];
  fields: { key: string; label: string; value: string; html: boolean; items: string[] | null; problems: string[] }[];
  chapter: { html: string; summary: string; heading: string; copyLabel: string };
}

function view(form: Ao3Form, name: string, line: number): View {
  const shown = chapterAt(form, line);
  const fields = shown?.fields ?? form.fields;
  const text = shown ?? form.chapter;
  const chapterTitle = chapterName(form, shown);
  const label = (field: string) => fields.find((f) => f.key === field)?.label ?? (field === 'chapter' ? 'Work Text' : field);
  const said = (refuses: boolean) => form.work.problems.filter((p) => ao3Refuses(p) === refuses).map((p) => `${label(p.field)}: ${p.message}`);
  const chars = formatCount(text.characters);
  return {
    title: name,
    version: form.version,
    refusals: said(true),
    changes: said(false),
    fields: fields.map((f: Ao3FormField) => ({ key: f.key, label: f.label, value: f.value, html: f.html, items: f.items, problems: f.problems })),
    chapter: {
      html: text.html,
      summary: `${formatCount(text.words)} words on AO3 · ${chars} characters of HTML (AO3 allows 10 to 510,000)`,
      // A file of several chapters: which one the cursor is in, and so which the buttons copy.
      heading: chapterTitle ? `Work Text: ${chapterTitle}${shown?.title ? `, ${shown.title}` : ''}` : 'Work Text',
      copyLabel: chapterTitle ? `Copy ${chapterTitle} as AO3 HTML` : 'Copy the chapter as AO3 HTML',
    },
  };
}

function nonce(): string {
  let s = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

/** The page: strict CSP, no remote resources, the theme's colours; the script draws rows
 * from the messages it is sent. */
function page(webview: vscode.Webview): string {
  const n = nonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview for AO3</title>
<style nonce="${n}">
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; line-height: 1.5; }
  h1 { font-size: 1.3em; margin: 12px 0; }
  h2 { font-size: 1.1em; margin: 20px 0 8px; }
  .problems { border-left: 4px solid var(--vscode-inputValidation-errorBorder, #be1100); background: var(--vscode-inputValidation-errorBackground, transparent); padding: 6px 12px; margin: 8px 0; }
  .changes { border-left: 4px solid var(--vscode-inputValidation-infoBorder, #007acc); padding: 6px 12px; margin: 8px 0; }
  .problems ul, .changes ul { margin: 4px 0; padding-left: 20px; }
  .ok { color: var(--vscode-descriptionForeground); }
  dl.form { display: grid; grid-template-columns: minmax(9em, max-content) 1fr auto; gap: 6px 12px; align-items: start; margin: 0; }
  dt { font-weight: 600; padding-top: 4px; }
  dd { margin: 0; padding: 4px 8px; border: 1px solid var(--vscode-input-border, var(--vscode-panel-border, #8884)); background: var(--vscode-input-background); color: var(--vscode-input-foreground); min-height: 1.5em; overflow-wrap: anywhere; }
  dd.refused { border-color: var(--vscode-inputValidation-errorBorder, #be1100); }
  dd .empty { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
  dd .tag { display: inline-block; margin: 0 4px 4px 0; padding: 0 6px; border-radius: 3px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
  dd p { margin: 0 0 0.5em; }
  .field-problem { grid-column: 2 / 4; margin: -2px 0 4px; color: var(--vscode-errorForeground); }
  button { font: inherit; color: var(--vscode-button-secondaryForeground, var(--vscode-button-foreground)); background: var(--vscode-button-secondaryBackground, var(--vscode-button-background)); border: 1px solid var(--vscode-button-border, transparent); padding: 2px 10px; cursor: pointer; }
  button.primary { color: var(--vscode-button-foreground); background: var(--vscode-button-background); }
  button:hover { background: var(--vscode-button-secondaryHoverBackground, var(--vscode-button-hoverBackground)); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  .chapter-head { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  .figures { color: var(--vscode-descriptionForeground); }
  article.chapter { border: 1px solid var(--vscode-panel-border, #8884); padding: 8px 16px; margin-top: 8px; max-width: 48em; }
  article.chapter hr { border: 0; border-top: 1px solid var(--vscode-foreground); width: 50%; margin: 1.5em auto; opacity: 0.6; }
  .sr-only { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
</style>
</head>
<body>
<main>
<h1 id="heading">Preview for AO3</h1>
<div id="status" role="status" aria-live="polite" class="sr-only"></div>
<section id="problems" aria-labelledby="problems-heading"></section>
<section aria-labelledby="form-heading">
<h2 id="form-heading">Post New Work</h2>
<dl class="form" id="form"></dl>
</section>
<section aria-labelledby="chapter-heading">
<div class="chapter-head"><h2 id="chapter-heading">Work Text</h2><button class="primary" id="copy-html" data-key="chapterHtml" aria-label="Copy the chapter as AO3 HTML">Copy HTML</button><span class="figures" id="figures"></span></div>
<article class="chapter" id="chapter" aria-label="The chapter as AO3 will show it" tabindex="0"></article>
</section>
</main>
<script nonce="${n}">
(function () {
  const vscode = acquireVsCodeApi();
  const el = (tag, props, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, props || {});
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  };
  // The server writes this HTML from the story: only p, br, em, strong, hr and h3, text
  // escaped; the page's policy runs no script that is not this one.
  const html = (markup) => {
    const t = document.createElement('template');
    t.innerHTML = markup;
    return t.content;
  };
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-key]');
    if (button) vscode.postMessage({ type: 'copy', key: button.dataset.key });
  });
  function list(title, items, cls) {
    if (!items.length) return null;
    return el('div', { className: cls }, el('strong', { textContent: title }), el('ul', {}, ...items.map((t) => el('li', { textContent: t }))));
  }
  function render(v) {
    document.getElementById('heading').textContent = 'Preview for AO3: ' + v.title;
    const problems = document.getElementById('problems');
    problems.replaceChildren(...[
      el('h2', { id: 'problems-heading', textContent: v.refusals.length ? 'Before you post' : 'Ready to post' }),
      list('AO3 would refuse this:', v.refusals, 'problems'),
      list('AO3 would change this:', v.changes, 'changes'),
      v.refusals.length || v.changes.length ? null : el('p', { className: 'ok', textContent: 'AO3 would take every field as it is.' }),
    ].filter((x) => x !== null));
    const rows = [];
    for (const f of v.fields) {
      const id = 'f-' + f.key;
      const dd = el('dd', { id: id, className: f.problems.length ? 'refused' : '' });
      dd.setAttribute('aria-labelledby', id + '-label');
      if (f.items && f.items.length) dd.append(...f.items.map((t) => el('span', { className: 'tag', textContent: t })));
      else if (f.html && f.value) dd.append(html(f.value));
      else if (f.value) dd.textContent = f.value;
      else dd.append(el('span', { className: 'empty', textContent: '(empty)' }));
      const copy = el('button', { textContent: 'Copy' });
      copy.dataset.key = f.key;
      copy.setAttribute('aria-label', 'Copy ' + f.label);
      rows.push(el('dt', { id: id + '-label', textContent: f.label }), dd, copy);
      for (const p of f.problems) rows.push(el('div', { className: 'field-problem', textContent: p }));
    }
    document.getElementById('form').replaceChildren(...rows);
    document.getElementById('figures').textContent = v.chapter.summary;
    document.getElementById('chapter-heading').textContent = v.chapter.heading;
    document.getElementById('copy-html').setAttribute('aria-label', v.chapter.copyLabel);
    document.getElementById('chapter').replaceChildren(html(v.chapter.html));
    document.getElementById('status').textContent = 'Preview updated';
    vscode.postMessage({ type: 'rendered', version: v.version, text: document.body.innerText });
  }
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'form') render(m.view);
    else if (m.type === 'error') document.getElementById('problems').replaceChildren(el('p', { className: 'problems', textContent: m.message }));
  });
})();
</script>
</body>
</html>`;
}
