// A header's declared Word Count, as writers write it (DOMAIN.md §5): `1,293`, `1293`,
// `1.293` (period thousands), `1 293`, `~1,300`, `1.3k`, `1300+`, `approx. 1300`,
// `1,293 words`, `100 (drabble)`. Exact numbers are checked exactly, approximate ones
// within their rounding. A rewrite keeps the writer's format and replaces only the digits.

export interface DeclaredCount {
  /** The number the writer meant (`1.3k` -> 1300). */
  value: number;
  /** False for `~`, `approx.`, `k`, `+` and friends. */
  exact: boolean;
  /** The body count agrees when min <= count <= max. */
  min: number;
  max: number;
  /** Offsets of the number inside the value string (`~1.3k words` -> `1.3`). */
  numberStart: number;
  numberEnd: number;
  /** How the number is written, for rewriting it. */
  style: NumberStyle;
}

export interface NumberStyle {
  /** Thousands separator as written (`,`, `.`, ` `, `'`, or '' for none). */
  thousands: string;
  /** Written in thousands (`1.3k`): how many decimals, and the decimal mark. */
  kilo: { decimals: number; mark: string } | null;
}

const APPROX_PREFIX = /^(?:~|≈|±|about\b|around\b|approx\b\.?|approximately\b|roughly\b|circa\b|ca\.|c\.|some\b|nearly\b|almost\b|over\b|under\b|more than\b|less than\b|>|<)\s*/i;

/** Parse a declared count; null when the value holds no number (`TBD`, `long`). Linear in
 * the value's length: a hand-written scan, no backtracking regex on the number itself. */
export function parseDeclaredCount(raw: string): DeclaredCount | null {
  // Only the first 200 characters can hold a count; a longer value is prose.
  const value = raw.length > 200 ? raw.slice(0, 200) : raw;
  let i = 0;
  let approx = false;
  while (i < value.length && /\s/.test(value[i] as string)) i++;
  for (;;) {
    const m = APPROX_PREFIX.exec(value.slice(i));
    if (!m || m[0].length === 0) break;
    approx = true;
    i += m[0].length;
  }
  if (i >= value.length || !isDigit(value.charCodeAt(i))) return null;

  // Digits with separators: collect groups.
  const start = i;
  const groups: string[] = [];
  const seps: string[] = [];
  let group = '';
  while (i < value.length) {
    const c = value.charCodeAt(i);
    if (isDigit(c)) {
      group += value[i];
      i++;
      continue;
    }
    const ch = value[i] as string;
    if ((ch === ',' || ch === '.' || ch === ' ' || ch === "'" || ch === '\u00a0' || ch === '\u202f') && i + 1 < value.length && isDigit(value.charCodeAt(i + 1))) {
      groups.push(group);
      seps.push(ch);
      group = '';
      i++;
      continue;
    }
    break;
  }
  groups.push(group);
  const end = i;
  if (groups.join('').length > 15) return null; // beyond any story; not a safe integer either

  let rest = value.slice(end);
  let kilo: NumberStyle['kilo'] = null;
  let number: number;
  let thousands = '';
  let unit = 1;

  const kMatch = /^\s?[kK]\b/.exec(rest);
  if (kMatch) {
    // 1k, 1.3k, 1,3k (decimal comma): thousands.
    if (groups.length > 2) return null;
    const decimals = groups.length === 2 ? (groups[1] as string).length : 0;
    const mark = seps[0] ?? '.';
    number = Math.round(Number(`${groups[0]}.${groups[1] ?? '0'}`) * 1000);
    kilo = { decimals, mark };
    unit = 1000 / 10 ** decimals;
    approx = true;
    rest = rest.slice(kMatch[0].length);
  } else {
    // Thousands groups must be three digits after the first; one kind of separator.
    const sep = seps[0];
    const grouped = seps.length > 0 && seps.every((s) => s === sep) && groups.slice(1).every((g) => g.length === 3) && (groups[0] as string).length <= 3;
    if (seps.length > 0 && !grouped) return null; // `3.5`, `1,29`: not a word count
    thousands = sep ?? '';
    number = Number(groups.join(''));
    if (approx || /^\s*\+/.test(rest)) {
      const digits = groups.join('');
      const zeros = digits.length - digits.replace(/0+$/, '').length;
      unit = 10 ** Math.min(zeros, digits.length - 1);
    }
  }
  if (!Number.isSafeInteger(number)) return null;

  const plus = /^\s*\+/.test(rest);
  let min = number;
  let max = number;
  if (plus) {
    max = number + unit - 1;
    approx = true;
  } else if (approx) {
    min = Math.ceil(number - unit / 2);
    max = Math.floor(number + unit / 2);
    if (unit === 1) {
      min = number;
      max = number;
    }
  }
  return { value: number, exact: !approx, min: Math.max(0, min), max, numberStart: start, numberEnd: end, style: { thousands, kilo } };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether a body count agrees with the declared one. */
export function agrees(declared: DeclaredCount, count: number): boolean {
  return count >= declared.min && count <= declared.max;
}

/** Write `n` in the declared number's style (`1,293` -> `1,298`; `1.3k` -> `1.4k`). */
export function formatLike(style: NumberStyle, n: number): string {
  if (style.kilo) {
    const k = (n / 1000).toFixed(style.kilo.decimals);
    return style.kilo.mark === '.' ? k : k.replace('.', style.kilo.mark);
  }
  const digits = String(Math.max(0, Math.round(n)));
  if (!style.thousands) return digits;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += style.thousands;
    out += digits[i];
  }
  return out;
}

/** The new value text: only the number replaced, everything around it kept. */
export function rewriteDeclared(value: string, declared: DeclaredCount, n: number): string {
  return value.slice(0, declared.numberStart) + formatLike(declared.style, n) + value.slice(declared.numberEnd);
}

/** Format a count for people: `1,293`, `-312`, as `toLocaleString('en-US')` writes a whole
 * number (rounded to one). By hand, and shared by the server and the client: the first
 * toLocaleString of a process sets up ICU's number formats, 17 to 30 ms on this machine,
 * which the editor's first count of a session would wait for. */
export function formatCount(n: number): string {
  const whole = Math.round(n);
  const digits = formatLike({ thousands: ',', kilo: null }, Math.abs(whole));
  return whole < 0 ? `-${digits}` : digits;
}
