// Fic: Show Progress (a webview of the server's charts and the same figures as tables) and
// Fic: Export Progress (CSV). The figures and the SVG come from the server; this only
// places them in a page that follows the theme's colours. The page runs no script, loads
// nothing and allows only its own inline style (strict CSP).

import * as vscode from 'vscode';
import type { ProgressParams, ProgressReport, ProgressSummary } from '../../server/src/protocol';
import { goalRows } from './goalStatusBar';
import { formatCount } from './statusBar';

export interface ProgressRequests {
  report(params: ProgressParams): Promise<ProgressReport>;
  csv(params: ProgressParams): Promise<string>;
  onProgress(listener: (summary: ProgressSummary) => void): vscode.Disposable;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let n = '';
  for (let i = 0; i < 32; i++) n += chars[Math.floor(Math.random() * chars.length)];
  return n;
}

function storyName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'story';
}

/** The page: charts, then the figures as tables for screen readers (and for copying). */
export function progressHtml(report: ProgressReport, cspSource: string, styleNonce: string): string {
  const s = report.summary;
  const unit = s.unit === 'characters' ? 'characters' : 'words';
  const summaryRows = goalRows(s)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n');
  const dayRows = [...report.days]
    .reverse()
    .map(
      (d) =>
        `<tr><th scope="row">${d.day}</th><td>${formatCount(d.added)}</td><td>${formatCount(d.removed)}</td><td>${d.net < 0 ? '−' : ''}${formatCount(Math.abs(d.net))}</td><td>${d.pasted ? formatCount(d.pasted) : ''}</td><td>${d.total === null ? '' : formatCount(d.total)}</td><td>${formatCount(d.written)}</td><td>${d.goal === null ? '' : formatCount(d.goal)}</td><td>${d.goal === null ? '' : d.met ? 'met' : 'not met'}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${styleNonce}'; img-src ${cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Progress: ${escapeHtml(s.workTitle)}</title>
<style nonce="${styleNonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 20px 20px; max-width: 760px; }
  h1 { font-size: 1.4em; font-weight: 600; }
  h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.6em; }
  .fic-chart { width: 100%; height: auto; max-width: 640px; display: block; }
  .fic-chart .axis { stroke: var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); stroke-width: 1; }
  .fic-chart .label { fill: var(--vscode-descriptionForeground); font-size: 11px; font-family: var(--vscode-font-family); }
  .fic-chart .bar { fill: var(--vscode-charts-blue); }
  .fic-chart .bar.met { fill: var(--vscode-charts-green); }
  .fic-chart .goal, .fic-chart .target { stroke: var(--vscode-charts-orange); stroke-width: 2; }
  .fic-chart .par { stroke: var(--vscode-charts-purple); stroke-width: 1.5; stroke-dasharray: 5 4; }
  .fic-chart .line { fill: none; stroke: var(--vscode-charts-blue); stroke-width: 2.5; }
  .fic-chart .dot { fill: var(--vscode-charts-blue); }
  .fic-chart .cell { fill: var(--vscode-editorWidget-background, var(--vscode-input-background)); stroke: var(--vscode-editorWidget-border, transparent); stroke-width: 0.5; }
  .fic-chart .cell.wrote { fill: var(--vscode-charts-blue); opacity: 0.6; }
  .fic-chart .cell.met { fill: var(--vscode-charts-green); }
  .legend { color: var(--vscode-descriptionForeground); margin: 0.3em 0 0; }
  .key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; vertical-align: middle; }
  .key.met { background: var(--vscode-charts-green); } .key.bar { background: var(--vscode-charts-blue); }
  .key.goal { background: var(--vscode-charts-orange); height: 3px; } .key.par { border-top: 2px dashed var(--vscode-charts-purple); height: 0; }
  table { border-collapse: collapse; margin-top: 0.5em; }
  th, td { padding: 2px 12px 2px 0; text-align: right; font-variant-numeric: tabular-nums; }
  th[scope="row"] { text-align: left; font-weight: normal; }
  thead th { border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-descriptionForeground)); font-weight: 600; }
  summary { cursor: pointer; margin-top: 1.6em; font-weight: 600; }
</style>
</head>
<body>
<h1>Progress: ${escapeHtml(s.workTitle)}</h1>
<table aria-label="Today and the work's target">
${summaryRows}
</table>
<h2>The last 30 days, all your writing</h2>
${report.charts.daily}
<p class="legend"><span class="key met"></span>goal met<span class="key bar"></span>written<span class="key goal"></span>daily goal</p>
<h2>The work${s.target ? ' against its target' : ''}</h2>
${report.charts.work}
<p class="legend">${s.target?.deadline ? '<span class="key bar"></span>the work<span class="key par"></span>par: where it needs to be to finish on time' : s.target ? '' : 'Add a line such as <code>Goal: 50,000 by 2026-11-30</code> to the header of the work’s first chapter to see the pace it needs.'}</p>
<h2>Streak</h2>
${report.charts.streak}
<details>
<summary>Every day as a table</summary>
<table>
<caption class="legend">In ${unit}, in this work (${escapeHtml(s.workTitle)}) but for the last three columns, which count every work; pasted text is not counted as written.</caption>
<thead><tr><th scope="col">Day</th><th scope="col">Written</th><th scope="col">Cut</th><th scope="col">Net</th><th scope="col">Pasted</th><th scope="col">Work</th><th scope="col">All works</th><th scope="col">Goal</th><th scope="col">Goal met</th></tr></thead>
<tbody>
${dayRows}
</tbody>
</table>
</details>
</body>
</html>`;
}

/** One panel; it follows the story it was opened for. */
export class ProgressView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private readonly subscription: vscode.Disposable;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** The page last shown, for the tests. */
  html = '';

  constructor(private readonly requests: ProgressRequests) {
    this.subscription = requests.onProgress((p) => {
      // Typing sends many updates: redraw at most twice a second.
      if (p.uri === this.uri && this.panel && !this.pending) this.pending = setTimeout(() => void this.update(), 500);
    });
  }

  async show(uri: string): Promise<void> {
    this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('fic.progress', 'Progress', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
      });
    } else this.panel.reveal(undefined, true);
    await this.update();
  }

  private async update(): Promise<void> {
    this.pending = undefined;
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    try {
      const report = await this.requests.report({ textDocument: { uri } });
      panel.title = `Progress: ${report.summary.workTitle}`;
      this.html = progressHtml(report, panel.webview.cspSource, nonce());
      panel.webview.html = this.html;
    } catch (error) {
      void vscode.window.showErrorMessage(`Fic: could not get the progress figures: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

/** Fic: Export Progress (CSV): every recorded day of the story to a file the writer picks. */
export async function exportProgress(requests: ProgressRequests, document: vscode.TextDocument, chosen?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let csv: string;
  try {
    csv = await requests.csv({ textDocument: { uri: document.uri.toString() } });
  } catch (error) {
    void vscode.window.showErrorMessage(`Fic: could not get the progress figures: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const base = storyName(document.uri.toString()).replace(/\.[^.]*$/, '');
  const folder = document.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(document.uri, '..');
  const target = chosen ?? await vscode.window.showSaveDialog({
    title: 'Export Progress (CSV)',
    saveLabel: 'Export',
    filters: { 'CSV (spreadsheets)': ['csv'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}-progress.csv`) } : {}),
  });
  if (!target) return undefined;
  // The export never replaces a story, whatever name is typed.
  if (!/\.csv$/i.test(target.path)) {
    void vscode.window.showErrorMessage('Fic: the progress export needs a file name ending in .csv, so that no story is overwritten.');
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
  void vscode.window.showInformationMessage(`Progress exported to ${target.path.slice(target.path.lastIndexOf('/') + 1)}.`);
  return target;
}
