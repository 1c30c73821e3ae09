// The comparison for npm run bench:editor: a word counter as most VS Code word-count
// extensions are written, counting the whole text of the active editor synchronously in the
// extension host on every change. It counts every whitespace-separated word of the file
// (header included): the bench computes its expected number the same way.

const vscode = require('vscode');

function count(text) {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 11;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

exports.activate = function activate(context) {
  const item = vscode.window.createStatusBarItem('counter', vscode.StatusBarAlignment.Right, 99);
  item.name = 'Bench Counter';
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return item.hide();
    item.text = `${count(editor.document.getText()).toLocaleString('en-US')} words`;
    item.show();
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) update();
    }),
  );
  update();
};

exports.deactivate = function deactivate() {};
