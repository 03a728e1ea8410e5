/**
 * Reading a spec for a command: the JSON file (relative to the caller's directory), then each
 * `--set path=value` override applied to it, before validation by the spec's own parser.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { SpecError, isRecord } from '../src/validate.ts';
import { readSpecFile } from '../src/io/readSpec.ts';
import { userPath } from './paths.ts';

/**
 * Parse one `--set` override `path=value`: the path is dot-separated (array indices as numbers,
 * `model.a.0`), the value JSON when it parses as JSON, else the plain string (`--set model.activation=tanh`).
 */
export function parseOverride(text: string): { path: string[]; value: unknown } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SpecError('--set', text, 'path=value, e.g. dynamics.lr=0.2');
  const path = text.slice(0, eq).split('.');
  if (path.some((p) => p === '')) throw new SpecError('--set', text, 'a dot-separated path without empty parts, e.g. dynamics.lr=0.2');
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}

/** Apply an override in place: objects along the path are created when missing. */
export function applyOverride(root: Record<string, unknown>, { path, value }: { path: string[]; value: unknown }): void {
  let node: Record<string, unknown> | unknown[] = root;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) {
        throw new SpecError(`--set ${path.join('.')}`, key, `an index from 0 to ${node.length - 1}`);
      }
      if (last) node[index] = value;
      else node = descend(node, index, path, i);
    } else if (last) {
      node[key] = value;
    } else {
      if (node[key] === undefined) node[key] = {};
      node = descend(node, key, path, i);
    }
  });
}

function descend(node: Record<string, unknown> | unknown[], key: string | number, path: string[], i: number): Record<string, unknown> | unknown[] {
  const next = (node as Record<string | number, unknown>)[key];
  if (!isRecord(next) && !Array.isArray(next)) {
    throw new SpecError(`--set ${path.join('.')}`, next, `an object or array at ${path.slice(0, i + 1).join('.')}`);
  }
  return next;
}

/**
 * The spec JSON a command was given: the file, with `--set` overrides applied and a relative
 * `init.fromSimulation` path resolved against the spec file's directory.
 */
export function readSpecJson(file: string, overrides: string[] = []): Record<string, unknown> {
  const path = userPath(file);
  const json = readSpecFile(path);
  for (const o of overrides) applyOverride(json, parseOverride(o));
  const init = json.init;
  if (isRecord(init) && typeof init.fromSimulation === 'string' && !isAbsolute(init.fromSimulation)) {
    init.fromSimulation = resolve(dirname(path), init.fromSimulation);
  }
  return json;
}
