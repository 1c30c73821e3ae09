// Runs beside Fic Writer in npm run bench:editor: the moment a document (or a change to it)
// reaches the extension host, it sets a status item to the document's name and version,
// doing no work of its own. The page sees that item change one hop after the document
// arrived: VS Code's own time to bring the document to an extension, the floor for any
// counter living in an extension.

const vscode = require('vscode');

// The hop logger rides in with the probe: VS Code clears NODE_OPTIONS for the extension host.
if (process.env.FIC_BENCH_HOPS_PRELOAD) require(process.env.FIC_BENCH_HOPS_PRELOAD);

exports.activate = function activate(context) {
  const item = vscode.window.createStatusBarItem('probe', vscode.StatusBarAlignment.Right, 98);
  item.name = 'Bench Probe';
  const show = (doc) => {
    item.text = `${doc.uri.path.split('/').pop()} v${doc.version}`;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor((editor) => editor && show(editor.document)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) show(e.document);
    }),
  );
  if (vscode.window.activeTextEditor) show(vscode.window.activeTextEditor.document);
};

exports.deactivate = function deactivate() {};
