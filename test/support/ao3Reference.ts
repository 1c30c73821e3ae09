// The plain regex references the scanners in server/src/service/text/count.ts must agree with.
// Tests only: these are the slow, obviously-right definitions.
//
// AO3 (otwcode/otwarchive lib/word_counter.rb, the version whose spec has `嘿|bob|说` -> 3):
//
//   text.gsub(/--/, "—").gsub(/['’‘-]/, "").scan(/#{scripts}|((?!#{scripts})[[:word:]])+/).size
//   scripts = "\p{Han}|\p{Hiragana}|\p{Katakana}|\p{Thai}"   (CHARACTER_COUNT_SCRIPTS)
//
// Transcribing Onigmo (Ruby's regex engine) to JavaScript:
// - `\p{Han}` and friends are Script properties (Ruby builds them from Scripts.txt, not
//   ScriptExtensions.txt): JavaScript's `\p{Script=Han}`, not `\p{Script_Extensions=Han}`.
//   So the iteration mark `々` (Han) is one word, the prolonged sound mark `ー` (Common,
//   though used by Katakana and Hiragana) is a word character.
// - POSIX `[[:word:]]` on a UTF-8 string is Unicode-wide in Ruby, and Ruby defines it
//   (tool/enc-unicode.rb) as Alphabetic + Mark + Decimal_Number + Connector_Punctuation.
//   Alphabetic is wider than \p{L}: letter numbers (Roman numeral `Ⅻ`, runic `ᛮ`) and the
//   circled and squared letters (`Ⓐ`, `🅰`) count. Ruby's `\w` would be ASCII only; it is
//   not what AO3 uses.
// - The earlier version wrapped the scripts in a character class (`[\p{Han}|...]`), which
//   made a lone `|` a word; the current one (above) does not, and neither does this.
// - AO3 counts the text nodes of HTML. A plain-text story is one text node; markup in a
//   .fic file is not interpreted here.
// - A JavaScript string can hold a lone surrogate, which Ruby's UTF-8 strings cannot. It
//   becomes U+FFFD (the replacement character) when the story is saved as UTF-8, so both
//   references read it as U+FFFD: not a word character for AO3, a printable one for wc.
// - Unicode version: both the reference and the scanner use the running JavaScript
//   engine's Unicode data, so they agree with each other by construction of the tests;
//   AO3's Ruby may lag a version behind on characters added since.

const SCRIPTS = String.raw`\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Thai}`;
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]`;
const AO3_WORD = new RegExp(`${SCRIPTS}|(?:(?!${SCRIPTS})${WORD})+`, 'gu');

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text as it reads once saved as UTF-8: each lone surrogate a U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** Words exactly as otwarchive's WordCounter counts one text node. */
export function ao3Reference(text: string): number {
  const prepared = wellFormed(text).replace(/--/g, '—').replace(/['’‘-]/g, '');
  let n = 0;
  for (const _ of prepared.matchAll(AO3_WORD)) n++;
  return n;
}

// GNU wc -w (coreutils 9, LC_ALL=C.UTF-8) reads characters one at a time: a separator
// ends a word; a printable character starts one; a character that is not printable
// (controls, U+2028/U+2029, unassigned code points; for glibc iswprint) does neither.
// The separators are the few characters below: the ASCII ones, then iswspace or wc's own
// non-breaking spaces among the printable characters.
const WC_SEPARATOR = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u202f\u205f\u2060\u3000]/u;
const WC_INVISIBLE = /[\p{Cc}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Words as `wc -w` counts them, one code point at a time. */
export function wcReference(text: string): number {
  let words = 0;
  let inWord = false;
  for (const ch of wellFormed(text)) {
    if (WC_SEPARATOR.test(ch)) inWord = false;
    else if (WC_INVISIBLE.test(ch)) continue;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}
