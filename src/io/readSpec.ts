/**
 * Reading spec files through the `#io/files` boundary (Node's file system; in a browser every read fails). Every way a file can be bad is one
 * `SpecError` line that says which: no such file, unreadable, empty, not JSON (with line:column), or
 * not a JSON object.
 */
import { readTextFile } from '#io/files';
import { SpecError, show } from '../validate.ts';

/** 1-based line and column of character `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function refuse(path: string, value: unknown, allowed: string, problem: string): never {
  throw new SpecError(path, value, allowed, `${path}: ${problem}`);
}

/**
 * Read and parse the JSON file at `path` (`what` names it in messages, e.g. "a spec file"). Throws
 * `SpecError` for a missing, unreadable, empty or malformed file.
 */
export function readJsonFile(path: string, what = 'a spec file'): unknown {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') refuse(path, path, what, `no such file (expected ${what})`);
    if (code === 'EISDIR') refuse(path, path, what, `is a directory, not ${what}`);
    if (code === 'EACCES' || code === 'EPERM') refuse(path, path, what, 'cannot be read (permission denied)');
    refuse(path, path, what, `cannot be read (${code ?? (e as Error).message})`);
  }
  if (text.trim() === '') refuse(path, '', 'a JSON object', `is empty (expected ${what}: a JSON object)`);
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = (e as Error).message
      .replace(/, (\.\.\.)?".*$/s, '')
      .replace(/ at position \d+.*$/s, '')
      .replace(/ in JSON$/, '');
    const { line, column } = lineColumn(text, jsonErrorOffset(text));
    refuse(`${path}:${line}:${column}`, reason, 'valid JSON', `not valid JSON: ${reason}`);
  }
}

/** Whether parsing `prefix` fails only because it stops early (so far it is valid JSON). */
function incomplete(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    return /end of JSON input|Unterminated/.test(message) || (at !== null && Number(at[1]) >= prefix.length);
  }
}

/**
 * Offset of the first character that makes `text` invalid JSON: the shortest prefix that fails for
 * another reason than stopping early, found by bisection (V8's messages do not always give a position).
 */
function jsonErrorOffset(text: string): number {
  let lo = 0; // incomplete(text.slice(0, lo)) holds
  let hi = text.length; // text.slice(0, hi) is invalid
  if (incomplete(text)) return text.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (incomplete(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

/** Read a spec file: a JSON object (then parse it with `parseCommitteeSpec` or `parseSimulationSpec`). */
export function readSpecFile(path: string): Record<string, unknown> {
  const json = readJsonFile(path, 'a spec file');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const kind = json === null ? 'null' : `${Array.isArray(json) ? 'an array' : `a ${typeof json}`} (${show(json)})`;
    refuse(path, json, 'a JSON object', `got ${kind}; expected a JSON object (a spec)`);
  }
  return json as Record<string, unknown>;
}
