// What an open story leaves held in the server, read from a heap snapshot of the real
// server process. A story with characters above U+00FF arrives as one two-byte string; the
// server keeps its lines in a compact form, and once it has, nothing may still hold the
// whole arrival: a string sliced from it (a header field, a heading's title, a message)
// would keep all of it alive, at two bytes a character, for as long as the story is open.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../support/lspClient';
import { assertNoServerErrors, openStory, requestStats, uniqueUri } from './helpers';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A story of about `chars` characters with curly quotes throughout, a header with
 * fields the checks speak of, and chapter headings. */
function wideStory(chars: number): string {
  const lines = [
    'Title: “The Long Way Round”',
    'Author: someone',
    'Fandom: “Lighthouses” (Original Work)',
    'Rating: Teen And Up',
    'Warnings: No Archive Warnings Apply',
    'Chapter: 1/?',
    'Word Count: 12',
    'Summary: She counts the ships; “none tonight,” she says.',
    '',
  ];
  let length = lines.join('\n').length;
  for (let chapter = 1; length < chars; chapter++) {
    const heading = `Chapter ${chapter}: “The ${chapter}th Crossing”`;
    lines.push(heading, '');
    length += heading.length + 2;
    for (let p = 0; p < 60 && length < chars; p++) {
      const line = `“Another night,” she said, and the lamp turned ${p} times; the sea wasn’t listening (chapter ${chapter}).`;
      lines.push(line, '');
      length += line.length + 2;
    }
  }
  lines.push('The End');
  return lines.join('\n');
}

/** Wait for the heap snapshot Node writes on SIGUSR2 and read it (it is written in one go
 * by the server's main thread; read until it parses). */
async function takeSnapshot(client: LspClient, folder: string): Promise<HeapSnapshot> {
  client.signal('SIGUSR2');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const file = readdirSync(folder).find((name) => name.endsWith('.heapsnapshot'));
    if (file) {
      try {
        return JSON.parse(readFileSync(join(folder, file), 'utf8')) as HeapSnapshot;
      } catch {
        // Still being written.
      }
    }
    if (Date.now() > deadline) throw new Error('no heap snapshot within 20 s of SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The strings of the heap at least `minBytes` long, each with a path of retainers up to
 * a root (for the failure message). */
function largeStrings(heap: HeapSnapshot, minBytes: number): { bytes: number; start: string; heldBy: string }[] {
  const { node_fields, node_types, edge_fields, edge_types } = heap.snapshot.meta;
  const nf = node_fields.length;
  const ef = edge_fields.length;
  const typeAt = node_fields.indexOf('type');
  const nameAt = node_fields.indexOf('name');
  const sizeAt = node_fields.indexOf('self_size');
  const edgeCountAt = node_fields.indexOf('edge_count');
  const edgeTypeAt = edge_fields.indexOf('type');
  const edgeNameAt = edge_fields.indexOf('name_or_index');
  const toAt = edge_fields.indexOf('to_node');
  const nodeTypes = node_types[0];
  const edgeTypes = edge_types[0];
  const { nodes, edges, strings } = heap;
  // Who holds each node: the first strong retainer found, enough to print one path.
  const heldBy = new Map<number, { from: number; edge: string }>();
  for (let node = 0, edge = 0; node < nodes.length; node += nf) {
    const count = nodes[node + edgeCountAt] as number;
    for (let k = 0; k < count; k++, edge += ef) {
      const type = edgeTypes[edges[edge + edgeTypeAt] as number] as string;
      if (type === 'weak' || type === 'shortcut') continue;
      const to = edges[edge + toAt] as number;
      const nameOrIndex = edges[edge + edgeNameAt] as number;
      const label = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : String(strings[nameOrIndex]);
      if (!heldBy.has(to)) heldBy.set(to, { from: node, edge: label });
    }
  }
  const describe = (node: number): string => `${nodeTypes[nodes[node + typeAt] as number]} ${String(strings[nodes[node + nameAt] as number]).slice(0, 40)}`;
  const found: { bytes: number; start: string; heldBy: string }[] = [];
  for (let node = 0; node < nodes.length; node += nf) {
    const type = nodeTypes[nodes[node + typeAt] as number];
    const bytes = nodes[node + sizeAt] as number;
    if (type !== 'string' || bytes < minBytes) continue;
    const path: string[] = [];
    for (let at = node, hops = 0; hops < 12; hops++) {
      const by = heldBy.get(at);
      if (!by) break;
      path.push(`${by.edge} of ${describe(by.from)}`);
      at = by.from;
    }
    found.push({ bytes, start: String(strings[nodes[node + nameAt] as number]).slice(0, 60), heldBy: path.join(' ← ') });
  }
  return found;
}

describe('an open story with curly quotes, after its lines are kept', () => {
  let client: LspClient;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'fic-heap-'));
    client = await LspClient.start({ nodeOptions: ['--heapsnapshot-signal=SIGUSR2'], cwd: folder });
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('no longer holds the text as it arrived, though every answer read from it', async () => {
    const text = wideStory(1_000_000);
    const uri = uniqueUri('long-way-round.fic');
    const { diagnostics } = await openStory(client, uri, text);
    assert.ok(diagnostics.diagnostics.length > 0, 'the stale Word Count is reported, its message read from the header');
    // What an editor asks of a story it has just opened, each answer read from the text.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics.diagnostics[0]?.range,
      context: { diagnostics: diagnostics.diagnostics },
    });
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 8 } });
    // The lines are kept a slice at a time, the editor's messages let in between: each
    // round trip lets at least one slice through.
    for (let i = 0; i < 40; i++) await requestStats(client, uri);
    // Then the writer types in the middle of the story, and pauses (the checks run again).
    const middle = Math.floor(text.split('\n').length / 2);
    for (let i = 0; i < 30; i++) {
      const at = { line: middle, character: 10 + i };
      client.notify('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ range: { start: at, end: at }, text: i % 6 === 5 ? ' ' : 'a' }] });
      await requestStats(client, uri);
    }
    await client.waitForNotification('textDocument/publishDiagnostics', (d: { uri: string; version?: number }) => d.uri === uri && d.version === 31);
    const heap = await takeSnapshot(client, folder);
    // The story as it arrived is a two-byte string of 2 bytes a character; the server's own
    // script, the largest string it needs, is far smaller than that.
    const held = largeStrings(heap, text.length * 2);
    assert.deepEqual(held, [], 'a string the size of the story as it arrived is still held');
    const stats = await requestStats(client, uri);
    assert.ok(stats.words > 100_000, 'the story is still open and counted');
  });
});
