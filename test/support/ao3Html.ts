// A reference model of what AO3 does to the HTML pasted into a work's text, and how it
// counts its words, written from the rules in ../shared/DOMAIN.md §9 (tests only: slow and
// plain on purpose, and independent of the exporter's code):
//
// 1. `<3` becomes `&lt;3`; CR LF and CR become LF.
// 2. The HTML is parsed: `<` followed by a letter opens a tag (so a raw `<` swallows text),
//    `</x>` closes, entities are decoded; `<p>` and block elements close an open `<p>`;
//    `br`, `hr`, `img`, `col` are void.
// 3. Paragraphs: loose text at the top level is wrapped in `<p>`; in it a blank line starts
//    a new paragraph and a single newline becomes `<br>`.
// 4. Sanitising: only the allowed elements survive (others are unwrapped, their text kept);
//    attributes other than `align dir lang title` (and `class`, allowed in work text) go.
// 5. The result is compared as a document: whitespace-only text between blocks is ignored.
//
// Counting: each text node apart, by otwarchive's WordCounter (ao3Reference).

import { ao3Reference } from './ao3Reference';

export type Node = { type: 'text'; text: string } | { type: 'element'; name: string; attrs: [string, string][]; children: Node[] };

const ALLOWED = new Set(
  'a abbr acronym address b big blockquote br caption center cite code col colgroup details figcaption figure dd del dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q rp rt ruby s samp small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var'.split(' '),
);
const ATTRIBUTES = new Set(['align', 'dir', 'lang', 'title', 'class']);
const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr', 'input', 'meta', 'link']);
const BLOCK = new Set(['p', 'div', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'dl', 'table', 'pre', 'address', 'center', 'figure', 'details']);

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/gi, (whole, name: string) => {
    const n = name.toLowerCase();
    if (n.startsWith('#x')) return String.fromCodePoint(parseInt(n.slice(2), 16));
    if (n.startsWith('#')) return String.fromCodePoint(parseInt(n.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[n] ?? whole;
  });
}

/** Parse an HTML fragment into a tree, the forgiving way browsers and Nokogiri do. */
export function parseHtml(html: string): Node[] {
  const root: Node & { type: 'element' } = { type: 'element', name: '#root', attrs: [], children: [] };
  const stack: (Node & { type: 'element' })[] = [root];
  const top = () => stack[stack.length - 1] as Node & { type: 'element' };
  const addText = (t: string) => {
    if (!t) return;
    const kids = top().children;
    const last = kids[kids.length - 1];
    if (last && last.type === 'text') last.text += t;
    else kids.push({ type: 'text', text: t });
  };
  let i = 0;
  let text = '';
  const flushText = () => {
    addText(decode(text));
    text = '';
  };
  while (i < html.length) {
    const c = html[i] as string;
    if (c === '<') {
      const rest = html.slice(i);
      const comment = /^<!--[\s\S]*?(-->|$)/.exec(rest);
      if (comment) {
        flushText();
        i += comment[0].length;
        continue;
      }
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)(>|$)/.exec(rest);
      if (tag) {
        flushText();
        i += tag[0].length;
        const name = (tag[2] as string).toLowerCase();
        if (tag[1]) {
          const at = stack.map((e) => e.name).lastIndexOf(name);
          if (at > 0) stack.length = at;
          else if (name === 'br') top().children.push({ type: 'element', name: 'br', attrs: [], children: [] });
          continue;
        }
        const attrs: [string, string][] = [];
        const attrRe = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
        for (const m of (tag[3] as string).matchAll(attrRe)) attrs.push([(m[1] as string).toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? '')]);
        if (BLOCK.has(name)) {
          const p = stack.map((e) => e.name).lastIndexOf('p');
          if (p > 0) stack.length = p;
        }
        const el: Node & { type: 'element' } = { type: 'element', name, attrs, children: [] };
        top().children.push(el);
        if (!VOID.has(name)) stack.push(el);
        continue;
      }
    }
    text += c;
    i++;
  }
  flushText();
  return root.children;
}

function isInlineAtTop(n: Node): boolean {
  return n.type === 'text' || !BLOCK.has(n.name);
}

/** Loose text at the top level into paragraphs, newlines into `<br>`. */
function makeParagraphs(nodes: Node[]): Node[] {
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.some((n) => n.type !== 'text' || n.text.trim() !== '')) {
      // Split the run's text at blank lines into paragraphs; single newlines become <br>.
      let para: Node[] = [];
      const paras: Node[][] = [];
      for (const n of run) {
        if (n.type !== 'text') {
          para.push(n);
          continue;
        }
        const chunks = n.text.split(/\n\s*\n/);
        chunks.forEach((chunk, k) => {
          if (k > 0) {
            paras.push(para);
            para = [];
          }
          chunk.split('\n').forEach((line, j) => {
            if (j > 0) para.push({ type: 'element', name: 'br', attrs: [], children: [] });
            if (line) para.push({ type: 'text', text: line });
          });
        });
      }
      paras.push(para);
      for (const p of paras) if (p.some((n) => n.type !== 'text' || n.text.trim() !== '')) out.push({ type: 'element', name: 'p', attrs: [], children: p });
    }
    run = [];
  };
  for (const n of nodes) {
    if (isInlineAtTop(n)) run.push(n);
    else {
      flush();
      out.push(n);
    }
  }
  flush();
  return out;
}

function sanitize(nodes: Node[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      out.push(n);
      continue;
    }
    const children = sanitize(n.children);
    if (!ALLOWED.has(n.name)) {
      out.push(...children);
      continue;
    }
    out.push({ type: 'element', name: n.name, attrs: n.attrs.filter(([k]) => ATTRIBUTES.has(k)), children });
  }
  return out;
}

/** What AO3 keeps of HTML pasted into a work's text. */
export function ao3Clean(html: string): Node[] {
  const fixed = html.replace(/<3/g, '&lt;3').replace(/\r\n?/g, '\n');
  return sanitize(makeParagraphs(parseHtml(fixed)));
}

/** The tree as a canonical string: whitespace-only text between blocks dropped. */
export function serialize(nodes: Node[], top = true): string {
  return nodes
    .filter((n) => !(top && n.type === 'text' && n.text.trim() === ''))
    .map((n) => {
      if (n.type === 'text') return n.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const attrs = n.attrs.map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
      if (VOID.has(n.name)) return `<${n.name}${attrs}>`;
      return `<${n.name}${attrs}>${serialize(n.children, false)}</${n.name}>`;
    })
    .join('');
}

/** AO3's count of HTML: each text node of the parsed document apart. */
export function ao3HtmlWords(html: string): number {
  let words = 0;
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === 'text') words += ao3Reference(n.text);
      else walk(n.children);
    }
  };
  walk(parseHtml(html));
  return words;
}
