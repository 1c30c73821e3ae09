// One spelling per file. The same file reaches the index from the editor (VS Code writes
// `(` as `%28`), from Node's file URLs (which leave it as it is) and from watchers; keyed
// as written, one chapter would count twice. Each path segment is decoded and re-encoded
// the way VS Code encodes it: everything but letters, digits and `-._~` escaped.

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):(\/\/[^/?#]*)?([^?#]*)(.*)$/s;

function encodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A stray `%`: keep the segment's characters as they are, escaped below.
  }
  return encodeURIComponent(decoded).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalUri(uri: string): string {
  const m = SCHEME.exec(uri);
  if (!m) return uri;
  const [, scheme, authority = '', path = '', rest = ''] = m;
  return `${(scheme as string).toLowerCase()}:${authority.toLowerCase()}${path.split('/').map(encodeSegment).join('/')}${rest}`;
}
