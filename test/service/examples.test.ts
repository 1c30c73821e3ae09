// The example stories the README points writers to must be what they claim: clean
// headers whose Word Count agrees with the body, in LF and in CRLF.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EOLS, withEol } from '../support/fixtures';
import { createFicService, FicSource, MemoryWorkspace } from '../../server/src/service';
import { repoRoot } from '../support/repo';

const folder = join(repoRoot(), 'examples');
// Stories, and the chapters of the example works in their folders.
const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.fic')).sort();

test('there are example stories, and a work of several chapters', async () => {
  assert.ok(files.length > 0);
  const all = Object.fromEntries(files.map((f) => [pathToFileURL(join(folder, f)).href, readFileSync(join(folder, f), 'utf8')]));
  const svc = createFicService(undefined, new MemoryWorkspace(all));
  await svc.works.index();
  const tidewater = svc.listWorks().find((w) => w.title === 'Tidewater');
  assert.deepEqual(tidewater?.chapters.map((c) => c.title), ['Low Water', 'Slack', 'Flood']);
  assert.equal(tidewater?.words, 203 + 181 + 178);
});

for (const file of files) {
  for (const { name, eol } of EOLS) {
    test(`examples/${file} (${name}) is clean and its Word Count agrees`, async () => {
      const all = Object.fromEntries(files.map((f) => [pathToFileURL(join(folder, f)).href, withEol(readFileSync(join(folder, f), 'utf8'), eol)]));
      const uri = pathToFileURL(join(folder, file)).href;
      const svc = createFicService(undefined, new MemoryWorkspace(all));
      await svc.works.index();
      const src = new FicSource(uri, all[uri] as string, 1);
      svc.works.open(src);
      const problems = svc.diagnostics(src).filter((d) => (d.severity ?? DiagnosticSeverity.Warning) < DiagnosticSeverity.Hint);
      assert.deepEqual(problems.map((d) => `${d.code}: ${d.message}`), []);
      const stats = svc.stats(src);
      assert.equal(stats.declared, stats.words);
    });
  }
}
