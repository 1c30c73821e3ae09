// Reading JSON-RPC frames from stdin without ever losing the stream. vscode-jsonrpc's own
// reader trusts every header: one bad Content-Length and it reads the next message's bytes
// as this one's body, and every message after that is garbage, silently, until the editor
// restarts the server. This reader checks each frame and resynchronises at the next real
// header, and says what it dropped.
//
// The resynchronisation rests on one fact: a frame header (`Content-Length: 12` and CRLF)
// can never occur inside a valid JSON body, because JSON strings cannot hold a raw CR or
// LF and `Content-Length` outside a string is not JSON. So a header found where a body
// was expected means the previous Content-Length was wrong, and the body ends there.

import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

const MARKER = Buffer.from('Content-Length:', 'latin1');
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/** A header block longer than this is not a header. */
const MAX_HEADER_BYTES = 8192;
/** The largest message accepted: a 45-million-word story, far beyond any real one. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** Bodies up to this size get their whole room when their header is read. */
const RESERVE_LIMIT_BYTES = 64 * 1024 * 1024;
/** The buffer returns to this size once a large message has gone through. */
const IDLE_BUFFER_BYTES = 64 * 1024;

export interface FrameOutput {
  /** A message to hand to the connection. */
  message?: Message;
  /** What was wrong, for the log: bytes skipped, a frame dropped, a length corrected. */
  problem?: string;
}

function preview(bytes: Buffer): string {
  const text = bytes.subarray(0, 80).toString('utf8');
  return JSON.stringify(bytes.length > 80 ? `${text}…` : text);
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/** The Content-Length of a header block, or null when the block is not a valid header. */
function contentLength(block: string): number | null {
  let length: number | null = null;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!HEADER_NAME.test(name)) return null;
    if (name === 'content-length') {
      const value = line.slice(colon + 1).trim();
      if (!/^\d{1,12}$/.test(value)) return null;
      length = Number(value);
    }
  }
  return length;
}

/** The framing state machine, apart from any stream so that tests can feed it bytes. */
export class FrameParser {
  private buffer = Buffer.allocUnsafe(IDLE_BUFFER_BYTES);
  private start = 0;
  private end = 0;
  /** The header read, its body awaited: where the body starts (from `start`), how long
   * it claims to be, and how far it has been searched for a next header. */
  private expected: { bodyStart: number; length: number; scanned: number } | null = null;

  /** Bytes waiting to be framed (for tests and for memory checks). */
  get buffered(): number {
    return this.end - this.start;
  }

  feed(chunk: Buffer): FrameOutput[] {
    this.append(chunk);
    const out: FrameOutput[] = [];
    while (this.step(out));
    if (this.start === this.end) {
      this.start = this.end = 0;
      if (this.buffer.length > IDLE_BUFFER_BYTES) this.buffer = Buffer.allocUnsafe(IDLE_BUFFER_BYTES);
    }
    return out;
  }

  private append(chunk: Buffer): void {
    if (this.end + chunk.length > this.buffer.length) {
      const live = this.end - this.start;
      if (live + chunk.length <= this.buffer.length) {
        this.buffer.copy(this.buffer, 0, this.start, this.end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, live + chunk.length));
        this.buffer.copy(grown, 0, this.start, this.end);
        this.buffer = grown;
      }
      this.start = 0;
      this.end = live;
    }
    chunk.copy(this.buffer, this.end);
    this.end += chunk.length;
  }

  /** Room for `total` bytes from `start`, moving what is buffered to the front. */
  private reserve(total: number): void {
    if (this.start + total <= this.buffer.length) return;
    const live = this.end - this.start;
    const room = total > this.buffer.length ? Buffer.allocUnsafe(total) : this.buffer;
    this.buffer.copy(room, 0, this.start, this.end);
    this.buffer = room;
    this.start = 0;
    this.end = live;
  }

  private bytes(from: number, to: number): Buffer {
    return this.buffer.subarray(this.start + from, this.start + to);
  }

  private consume(n: number): void {
    this.start += n;
  }

  /**
   * Where a frame header starts in [from, to) (offsets from `start`): `Content-Length:`,
   * optional blanks, digits, CRLF. `unsure` is a candidate whose end has not arrived yet.
   */
  private findHeader(from: number, to: number): { at: number } | { unsure: number } | null {
    // Search only bytes that arrived (the buffer's spare capacity holds stale bytes) and
    // only for markers that start before `to`: each byte of a body is searched once.
    const view = this.buffer.subarray(0, Math.min(this.end, this.start + to + MARKER.length - 1));
    for (let i = view.indexOf(MARKER, this.start + from); i >= 0; i = view.indexOf(MARKER, i + 1)) {
      let j = i + MARKER.length;
      while (j < this.end && (this.buffer[j] === 0x20 || this.buffer[j] === 0x09)) j++;
      const digits = j;
      while (j < this.end && (this.buffer[j] as number) >= 0x30 && (this.buffer[j] as number) <= 0x39) j++;
      if (j + 1 >= this.end) return { unsure: i - this.start };
      if (j > digits && this.buffer[j] === 0x0d && this.buffer[j + 1] === 0x0a) return { at: i - this.start };
    }
    return null;
  }

  /** One step of framing; false when more bytes are needed. */
  private step(out: FrameOutput[]): boolean {
    const available = this.end - this.start;
    if (!this.expected) {
      if (available === 0) return false;
      const window = this.bytes(0, Math.min(available, MAX_HEADER_BYTES));
      const headerEnd = window.indexOf(HEADER_END);
      if (headerEnd < 0) {
        if (available < MAX_HEADER_BYTES) return false;
        const next = this.findHeader(1, available);
        const skip = next && 'at' in next ? next.at : next ? next.unsure : available - MARKER.length;
        out.push({ problem: `skipped ${skip} bytes that were not a message: ${preview(this.bytes(0, skip))}` });
        this.consume(skip);
        return true;
      }
      const length = contentLength(window.subarray(0, headerEnd).toString('latin1'));
      if (length === null) {
        const next = this.findHeader(1, headerEnd);
        const skip = next && 'at' in next ? next.at : headerEnd + HEADER_END.length;
        out.push({ problem: `skipped ${skip} bytes without a valid Content-Length header: ${preview(this.bytes(0, skip))}` });
        this.consume(skip);
        return true;
      }
      if (length > MAX_BODY_BYTES) {
        out.push({ problem: `refused a message of ${length} bytes (the limit is ${MAX_BODY_BYTES}); its body will be skipped` });
        this.consume(headerEnd + HEADER_END.length);
        return true;
      }
      this.expected = { bodyStart: headerEnd + HEADER_END.length, length, scanned: 0 };
      // A large body (a story's didOpen) gets its room once, not by doubling as it arrives;
      // past a size no story reaches, a claimed length buys no memory before its bytes come.
      if (length <= RESERVE_LIMIT_BYTES) this.reserve(headerEnd + HEADER_END.length + length);
      return true;
    }

    const { bodyStart, length } = this.expected;
    const have = Math.min(available - bodyStart, length);
    // Back up a marker's length: a header may have begun at the end of the last chunk.
    const from = bodyStart + Math.max(0, this.expected.scanned - MARKER.length + 1);
    const next = this.findHeader(from, bodyStart + have);
    if (next && 'at' in next) {
      // The next frame's header, where this body should still be going on.
      const body = this.bytes(bodyStart, next.at);
      this.expected = null;
      this.consume(next.at);
      const parsed = this.decode(body);
      if (parsed.message) {
        out.push({ problem: `Content-Length ${length} overran its message, which ended after ${body.length} bytes; read it anyway` });
      }
      out.push(parsed);
      return true;
    }
    this.expected.scanned = next ? next.unsure - bodyStart : have;
    if (have < length) return false;
    const body = this.bytes(bodyStart, bodyStart + length);
    this.expected = null;
    this.consume(bodyStart + length);
    out.push(this.decode(body));
    return true;
  }

  private decode(body: Buffer): FrameOutput {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return { problem: `dropped a message that is not JSON (${error instanceof Error ? error.message : String(error)}): ${preview(body)}` };
    }
    if (value === null || typeof value !== 'object') return { problem: `dropped a message that is not a JSON-RPC object: ${preview(body)}` };
    return { message: value as Message };
  }
}

/** A MessageReader over a byte stream (stdin) that survives malformed frames. */
export class FrameReader extends AbstractMessageReader implements MessageReader {
  private readonly parser = new FrameParser();
  /** Whether a `shutdown` request went through: the exit status when stdin closes. */
  sawShutdown = false;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly report: (problem: string) => void,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) => {
      for (const out of this.parser.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)) {
        if (out.problem) this.report(out.problem);
        if (!out.message) continue;
        if ((out.message as { method?: unknown }).method === 'shutdown') this.sawShutdown = true;
        // The connection throws on some messages (`$/cancelRequest` for id null): that
        // must cost this message only, never the ones after it in the same chunk.
        try {
          callback(out.message);
        } catch (error) {
          this.report(`dropped a message the connection could not take (${error instanceof Error ? error.message : String(error)}): ${JSON.stringify(out.message).slice(0, 200)}`);
        }
      }
    };
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('end', onClose);
    });
  }
}
