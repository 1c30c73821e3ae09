// The built server, misused over stdio (issue 5): requests for documents it does not hold,
// positions and ranges no editor would send, changes that cannot apply, methods it does not
// know, frames that are not frames, a 50 MB document, a cancelled request. After each one
// it must still answer a normal fic/stats request with the right figures, and its log must
// say what it refused. One server lives through the whole file, as it would in an editor.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FicStats } from '../../server/src/protocol';
import { createFicService, FicSource } from '../../server/src/service';
import { FrameParser } from '../../server/src/node/frameReader';
import { referenceApply } from '../support/hostile';
import { frame, RawServer, type WireMessage } from '../support/hostileWire';

const HEALTHY_URI = 'file:///misuse/healthy.fic';
const HEALTHY_TEXT = ['Title: Still Standing', 'Author: Wren Marsh', 'Rating: General Audiences', 'Word Count: 9', '', 'The lamp stayed lit through every storm that came.', '', 'The End', ''].join('\n');

const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;
const REQUEST_CANCELLED = -32800;

/** The figures an in-process service gives for a text: what the server must answer. */
function expectedStats(uri: string, text: string, version: number): FicStats {
  return createFicService().stats(new FicSource(uri, text, version));
}

describe('the server under protocol misuse', () => {
  let server: RawServer;
  let logMark = 0;

  before(async () => {
    server = await RawServer.start();
    server.notify('textDocument/didOpen', { textDocument: { uri: HEALTHY_URI, languageId: 'fic', version: 1, text: HEALTHY_TEXT } });
  });

  after(async () => {
    const status = await server.close();
    assert.equal(status, 0, `a clean exit after all that; stderr:\n${server.stderr}`);
  });

  /** The server answers fic/stats for the healthy document, right, and logged `refusal`
   * (a pattern) since the misuse began. */
  async function stillHealthy(refusal?: RegExp): Promise<void> {
    const answer = await server.request('fic/stats', { textDocument: { uri: HEALTHY_URI } });
    assert.deepEqual(answer.result, expectedStats(HEALTHY_URI, HEALTHY_TEXT, 1), `fic/stats after the misuse: ${JSON.stringify(answer)}`);
    const logs = server.logs(logMark);
    if (refusal) assert.ok(logs.some((l) => refusal.test(l)), `the log should match ${refusal}; it says:\n${logs.join('\n')}`);
    logMark = server.received.length;
  }

  it('answers requests for a document never opened with nothing, and says so', async () => {
    const uri = 'file:///misuse/never-opened.fic';
    const doc = { textDocument: { uri } };
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    for (const [method, params] of [
      ['textDocument/hover', { ...doc, position }],
      ['textDocument/completion', { ...doc, position }],
      ['textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }],
      ['textDocument/documentSymbol', doc],
      ['textDocument/foldingRange', doc],
    ] as const) {
      const answer = await server.request(method, params);
      assert.equal(answer.error, undefined, method);
      assert.equal(answer.result, null, method);
    }
    const stats = await server.request('fic/stats', doc);
    assert.equal(stats.error?.code, INVALID_PARAMS);
    assert.match(stats.error?.message ?? '', /not an open document/);
    server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
    server.notify('textDocument/didClose', doc);
    await stillHealthy(/never-opened\.fic is not open/);
  });

  it('forgets a closed document: requests for it answer nothing', async () => {
    const uri = 'file:///misuse/closed.fic';
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: HEALTHY_TEXT } });
    const opened = await server.request('fic/stats', { textDocument: { uri } });
    assert.equal((opened.result as FicStats).words, 9);
    const cleared = server.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && (m.params as { diagnostics: unknown[] }).diagnostics.length === 0, 'cleared diagnostics');
    server.notify('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    const stats = await server.request('fic/stats', { textDocument: { uri } });
    assert.equal(stats.error?.code, INVALID_PARAMS);
    const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(hover.result, null);
    server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
    await stillHealthy(/closed\.fic is not open/);
  });

  it('answers positions out of bounds inside the document, and refuses ones that are not numbers', async () => {
    const doc = { textDocument: { uri: HEALTHY_URI } };
    const lineCount = HEALTHY_TEXT.split('\n').length;
    for (const position of [{ line: -1, character: -5 }, { line: 1e9, character: 1e9 }, { line: 2, character: 1e9 }, { line: 0.5, character: 2.5 }, { line: 2 ** 53, character: 0 }]) {
      for (const method of ['textDocument/hover', 'textDocument/completion']) {
        const answer = await server.request(method, { ...doc, position });
        assert.equal(answer.error, undefined, `${method} at ${JSON.stringify(position)}`);
        for (const r of rangesIn(answer.result)) {
          assert.ok(r.start.line >= 0 && r.end.line < lineCount, `${method} at ${JSON.stringify(position)} answered a range outside: ${JSON.stringify(r)}`);
        }
      }
    }
    for (const position of [{ line: 'NaN', character: '0' }, { line: null, character: 1 }, {}, null, 'top', [0, 0]]) {
      for (const method of ['textDocument/hover', 'textDocument/completion']) {
        const answer = await server.request(method, { ...doc, position });
        assert.equal(answer.error, undefined);
        assert.equal(answer.result, null, `${method} at ${JSON.stringify(position)}`);
      }
    }
    await stillHealthy(/refused position/);
  });

  it('clamps numeric ranges in fic/stats and code actions, and refuses ranges that are not ranges', async () => {
    const doc = { textDocument: { uri: HEALTHY_URI } };
    const everything = { start: { line: -10, character: -10 }, end: { line: 1e9, character: 1e9 } };
    const backwards = { start: { line: 5, character: 50 }, end: { line: 5, character: 0 } };
    const answer = await server.request('fic/stats', { ...doc, ranges: [everything, backwards] });
    const whole = createFicService().stats(new FicSource(HEALTHY_URI, HEALTHY_TEXT, 1), [everything, backwards]);
    assert.deepEqual((answer.result as FicStats).selections, whole.selections);
    assert.equal(whole.selections[1], 9, 'a backwards range counts the same words');
    const refused = await server.request('fic/stats', { ...doc, ranges: [everything, { start: 'x', end: { line: 0, character: 0 } }] });
    assert.equal(refused.error?.code, INVALID_PARAMS);
    assert.match(refused.error?.message ?? '', /ranges\[1\]/);
    const actions = await server.request('textDocument/codeAction', { ...doc, range: everything, context: { diagnostics: [] } });
    assert.equal(actions.error, undefined);
    const bad = await server.request('textDocument/codeAction', { ...doc, range: { start: 1, end: 2 }, context: { diagnostics: 'none' } });
    assert.equal(bad.result, null);
    await stillHealthy(/refused range|ranges\[1\]/);
  });

  it('applies changes with impossible ranges clamped, as the protocol reference does, and logs them', async () => {
    const uri = 'file:///misuse/edits.fic';
    let text = 'Title: Edits\n\none two three\n';
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text } });
    const changes = [
      { range: { start: { line: 2, character: 50 }, end: { line: 2, character: 40 } }, text: ' four' },
      { range: { start: { line: -3, character: -3 }, end: { line: -1, character: 0 } }, text: 'Fandom: Original Work\n' },
      { range: { start: { line: 99, character: 0 }, end: { line: 99, character: 9 } }, text: 'five six\n' },
      { range: { start: { line: 3, character: 2 }, end: { line: 1, character: 0 } }, text: '' },
    ];
    let version = 1;
    for (const change of changes) {
      text = referenceApply(text, change);
      server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    }
    const answer = await server.request('fic/stats', { textDocument: { uri } });
    assert.deepEqual(answer.result, expectedStats(uri, text, version));
    await stillHealthy(/lies outside .*edits\.fic/);
  });

  it('refuses a batch with a malformed change whole, and keeps the text it had', async () => {
    const uri = 'file:///misuse/batch.fic';
    const text = 'Title: Batch\n\none two three\n';
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text } });
    for (const contentChanges of [
      [{ text: 'lost' }, { range: { start: { line: 'a', character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }, { text: 5 }],
      [null],
      [42],
      'not a list',
    ]) {
      server.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges });
    }
    const answer = await server.request('fic/stats', { textDocument: { uri } });
    assert.deepEqual(answer.result, expectedStats(uri, text, 1));
    await stillHealthy(/refused a malformed change for .*batch\.fic/);
  });

  it('applies a change with an old or missing version, and logs it', async () => {
    const uri = 'file:///misuse/versions.fic';
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 10, text: 'Title: V\n\none\n' } });
    server.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'Title: V\n\none two\n' }] });
    let answer = await server.request('fic/stats', { textDocument: { uri } });
    assert.equal((answer.result as FicStats).words, 2, 'the client is the truth: its text is taken');
    assert.equal((answer.result as FicStats).version, 3);
    server.notify('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'Title: V\n\none two three\n' }] });
    answer = await server.request('fic/stats', { textDocument: { uri } });
    assert.equal((answer.result as FicStats).words, 3);
    assert.equal((answer.result as FicStats).version, 4, 'counted on from the last version');
    server.notify('textDocument/didOpen', { textDocument: { uri: 'file:///misuse/odd-version.fic', languageId: 'fic', version: 'one', text: 'x' } });
    const odd = await server.request('fic/stats', { textDocument: { uri: 'file:///misuse/odd-version.fic' } });
    assert.equal((odd.result as FicStats).version, 0, 'a version that is not a number is not echoed back');
    await stillHealthy(/version 3 for .*versions\.fic is not newer than 10/);
    assert.ok(server.logs().some((l) => /versions\.fic came without a version/.test(l)));
  });

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    for (const method of ['fic/nonsense', 'textDocument/rename', 'workspace/executeCommand', '$/unknownRequest']) {
      const answer = await server.request(method, { textDocument: { uri: HEALTHY_URI } });
      assert.equal(answer.error?.code, METHOD_NOT_FOUND, `${method}: ${JSON.stringify(answer)}`);
    }
    const before = server.received.length;
    server.notify('fic/nonsense', { x: 1 });
    server.notify('$/setTrace', { value: 'off' });
    server.notify('$/unknownNotification', null);
    await stillHealthy();
    const answers = server.received.slice(before).filter((m) => m.method === undefined && m.id === null);
    assert.deepEqual(answers, [], 'a notification gets no answer');
  });

  it('survives requests with missing or garbage params', async () => {
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'fic/stats']) {
      for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: 42 } }, [1, 2, 3], 'text']) {
        const answer = await server.request(method, params);
        // vscode-languageserver itself reads `params.workDoneToken` before our handler runs,
        // so null params get its InternalError; anything else reaches our checks.
        const libraryRefusal = params === null && answer.error?.code === INTERNAL_ERROR;
        assert.ok(answer.error === undefined || answer.error.code === INVALID_PARAMS || libraryRefusal, `${method} with ${JSON.stringify(params)}: ${JSON.stringify(answer)}`);
      }
    }
    for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: 'file:///x.fic' } }, { textDocument: { uri: 'file:///x.fic', text: null } }]) {
      server.notify('textDocument/didOpen', params);
      server.notify('textDocument/didChange', params);
      server.notify('textDocument/didClose', params);
    }
    server.notify('workspace/didChangeConfiguration', { settings: { fic: { wordCount: { method: 42 }, readingSpeed: -1, header: 'no' } } });
    await stillHealthy(/refused a document without uri or text/);
  });

  describe('malformed frames', () => {
    // Each misuse is written in the same write as the fic/stats request that follows it, so
    // the request is answered only if the server found its way back to the next frame.
    const stats = () => ({ textDocument: { uri: HEALTHY_URI } });
    const expected = () => expectedStats(HEALTHY_URI, HEALTHY_TEXT, 1);

    for (const [name, prefix, logged] of [
      ['a body that is not JSON', 'Content-Length: 9\r\n\r\n{"broken"', /not JSON/],
      ['a JSON body that is not an object', 'Content-Length: 2\r\n\r\n42', /not a JSON-RPC object/],
      ['a request without a method', frame({ jsonrpc: '2.0', id: 77 }), /neither a response nor a notification|Received message/],
      ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}', /without a valid Content-Length/],
      ['a Content-Length that is not a number', 'Content-Length: lots\r\n\r\n{}', /without a valid Content-Length/],
      ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}', /without a valid Content-Length/],
      ['a Content-Length too short for its body', `Content-Length: 10\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', method: 'fic/ping' })}`, /not JSON/],
      ['a Content-Length too long for its body', `Content-Length: 5000\r\n\r\n${JSON.stringify({ jsonrpc: '2.0', method: 'fic/ping' })}`, /overran its message/],
      ['a Content-Length of zero', 'Content-Length: 0\r\n\r\n', /not JSON/],
      ['a Content-Length beyond any story', 'Content-Length: 999999999999\r\n\r\n{}', /refused a message of 999999999999 bytes/],
      ['garbage bytes between frames', 'hello, is this the language server?\r\n\r\n', /skipped \d+ bytes/],
      ['garbage without any line break', '\u0000\u0001binary\u00ff garbage', /skipped \d+ bytes/],
      ['a frame that is only a header', 'Content-Length: 20\r\n\r\n', /not JSON/],
    ] as const) {
      it(`recovers from ${name}`, async () => {
        const answer = await server.request('fic/stats', stats(), { prefix: typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix });
        assert.deepEqual(answer.result, expected());
        await stillHealthy(logged);
      });
    }

    it('reads a request split into one-byte writes', async () => {
      const id = server.takeId();
      const answer = server.waitFor((m: WireMessage) => m.id === id, 'the byte-by-byte answer');
      const bytes = frame({ jsonrpc: '2.0', id, method: 'fic/stats', params: stats() });
      for (const b of bytes) server.writeRaw(Buffer.from([b]));
      assert.deepEqual((await answer).result, expected());
      await stillHealthy();
    });
  });

  it('takes a 50 MB didOpen and counts every word of it', async () => {
    const uri = 'file:///misuse/fifty-megabytes.fic';
    const words = 10_000_000;
    const text = `Title: Huge\n\n${'word '.repeat(words)}`;
    assert.ok(text.length >= 50_000_000);
    const counted = server.waitFor((m) => m.method === 'fic/statsChanged' && (m.params as FicStats).uri === uri, 'stats of the 50 MB story', 60_000);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text } });
    assert.equal(((await counted).params as FicStats).words, words);
    const answer = await server.request('fic/stats', { textDocument: { uri } }, { deadlineMs: 60_000 });
    assert.equal((answer.result as FicStats).words, words);
    server.notify('textDocument/didClose', { textDocument: { uri } });
    await stillHealthy();
  });

  it('answers a cancelled request with its result or RequestCancelled, and nothing else', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      const id = server.peekId();
      ids.push(id);
      const answer = server.request('fic/stats', { textDocument: { uri: HEALTHY_URI } }, { suffix: frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }) });
      const got = await answer;
      if (got.error) assert.equal(got.error.code, REQUEST_CANCELLED, JSON.stringify(got));
      else assert.deepEqual(got.result, expectedStats(HEALTHY_URI, HEALTHY_TEXT, 1));
    }
    server.notify('$/cancelRequest', { id: 123456 });
    // vscode-jsonrpc throws on this one; the request right behind it must not be lost.
    server.notify('$/cancelRequest', { id: null });
    await stillHealthy(/could not take .*cancelRequest/);
    for (const id of ids) assert.equal(server.received.filter((m) => m.id === id).length, 1, `one answer to request ${id}`);
  });
});

describe('the server when its editor goes away', () => {
  it('exits with status 1 when stdin closes without a shutdown', async () => {
    const server = await RawServer.start();
    assert.equal(await server.endInput(), 1);
  });

  it('exits with status 0 when stdin closes after a shutdown', async () => {
    const server = await RawServer.start();
    const answer = await server.request('shutdown', null);
    assert.equal(answer.error, undefined);
    assert.equal(await server.endInput(), 0);
  });
});

/** Every range in an answer (hover range, completion edits), wherever it sits. */
function rangesIn(value: unknown): { start: { line: number }; end: { line: number } }[] {
  const out: { start: { line: number }; end: { line: number } }[] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.start && o.end && typeof (o.start as { line?: unknown }).line === 'number') out.push(o as unknown as (typeof out)[number]);
    for (const child of Object.values(o)) walk(child);
  };
  walk(value);
  return out;
}

describe('the frame parser', () => {
  // The same framing in-process, where every split of the byte stream can be tried.
  it('delivers every message whatever the chunking, and only those', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.nat(), method: fc.string(), params: fc.jsonValue() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat({ max: 64 }), { maxLength: 30 }),
        (messages, cuts) => {
          cases++;
          const bytes = Buffer.concat(messages.map((m) => frame({ jsonrpc: '2.0', ...m })));
          const parser = new FrameParser();
          const got: unknown[] = [];
          let at = 0;
          for (const cut of [...cuts, bytes.length]) {
            const next = Math.min(bytes.length, at + cut);
            for (const out of parser.feed(bytes.subarray(at, next))) {
              assert.equal(out.problem, undefined, out.problem);
              got.push(out.message);
            }
            at = next;
          }
          assert.deepEqual(got, messages.map((m) => JSON.parse(JSON.stringify({ jsonrpc: '2.0', ...m }))));
          assert.equal(parser.buffered, 0);
        },
      ),
      { numRuns: 500 },
    );
    assert.ok(cases > 0);
  });

  it('finds every valid frame after any garbage that holds no header', () => {
    let cases = 0;
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('Content-Length: 3\r\n\r\n', 'Content-Length: 99999\r\n\r\n{', '\r\n\r\n', 'Content-Length:', 'X: y\r\n\r\n', '{"jsonrpc":"2.0"'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(garbage, fc.nat()), { minLength: 1, maxLength: 6 }), (pairs) => {
        cases++;
        const parser = new FrameParser();
        const wanted = pairs.map(([, id]) => id);
        const got: number[] = [];
        for (const [junk, id] of pairs) {
          for (const out of parser.feed(Buffer.concat([Buffer.from(junk, 'utf8'), frame({ jsonrpc: '2.0', id, method: 'fic/stats' })]))) {
            const m = out.message as { id?: number; method?: string } | undefined;
            if (m && m.method === 'fic/stats') got.push(m.id as number);
          }
        }
        assert.deepEqual(got, wanted);
      }),
      { numRuns: 500 },
    );
    assert.ok(cases > 0);
  });
});
