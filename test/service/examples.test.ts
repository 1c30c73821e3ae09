// The example stories the README points writers to must be what they claim: clean
// headers whose Word Count agrees with the body, in LF and in CRLF.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EOLS, service, source, withEol } from '../support/fixtures';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const folder = join(repoRoot(), 'examples');
const files = readdirSync(folder).filter((f) => f.endsWith('.fic'));

test('there are example stories', () => assert.ok(files.length > 0));

for (const file of files) {
  for (const { name, eol } of EOLS) {
    test(`examples/${file} (${name}) is clean and its Word Count agrees`, () => {
      const text = withEol(readFileSync(join(folder, file), 'utf8'), eol);
      const svc = service();
      const src = source(text);
      const problems = svc.diagnostics(src).filter((d) => (d.severity ?? DiagnosticSeverity.Warning) < DiagnosticSeverity.Hint);
      assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), []);
      const stats = svc.stats(src);
      assert.equal(stats.declared, stats.words);
    });
  }
}
