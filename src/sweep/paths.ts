/**
 * Dotted paths into JSON specs: `"dynamics.lr"`, `"model.a"`, `"init.Q.0.1"` (array indices as
 * segments). Used by sweeps to name the field an axis varies.
 */
import { SpecError, isRecord } from '../validate.ts';

/** The segments of a dotted path; refuses empty segments. */
export function pathSegments(path: string, where: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) throw new SpecError(where, path, 'a dotted path of non-empty field names, e.g. "dynamics.lr"');
  return parts;
}

/**
 * A deep copy of `spec` with the field at `path` set to `value`. Intermediate objects are created
 * where absent; an index into an array must exist. The value is copied, so runs never share arrays.
 */
export function setPath(spec: unknown, path: string, value: unknown, where: string): unknown {
  const parts = pathSegments(path, where);
  const root = structuredClone(spec) as unknown;
  if (!isRecord(root)) throw new SpecError(where, path, 'a path into an object spec');
  let node: unknown = root;
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i];
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= node.length) {
        throw new SpecError(where, path, `an index below ${node.length} at "${parts.slice(0, i + 1).join('.')}"`);
      }
      if (last) node[index] = structuredClone(value);
      else node = node[index];
    } else if (isRecord(node)) {
      if (last) node[key] = structuredClone(value);
      else {
        if (node[key] === undefined) node[key] = {};
        node = node[key];
      }
    } else {
      throw new SpecError(where, path, `an object or array at "${parts.slice(0, i).join('.')}"`);
    }
  }
  return root;
}
