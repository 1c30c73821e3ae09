// The few assertions the web suite needs. node:assert does not exist in the web worker
// extension host, and a polyfill dependency would be more code than this.

export class CheckFailed extends Error {}

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new CheckFailed(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (actual !== expected) throw new CheckFailed(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Every expected item is in the list; the failure names the ones missing. */
export function includesAll(list: readonly string[], expected: readonly string[], message: string): void {
  const missing = expected.filter((item) => !list.includes(item));
  if (missing.length) throw new CheckFailed(`${message}: missing ${JSON.stringify(missing)} from ${JSON.stringify(list)}`);
}
