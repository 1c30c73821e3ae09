// What the web suite reports to scripts/web.mjs: the worker has no file system, so the
// result travels as one console line starting with this marker.

export const RESULT_MARKER = 'FIC_WEB_RESULT ';

export interface WebSuiteResult {
  passed: string[];
  failed: { title: string; error: string }[];
}
