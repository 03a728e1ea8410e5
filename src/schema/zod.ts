/**
 * The bridge between zod and popflow's one-line `SpecError`: strict objects whose unknown keys get a
 * did-you-mean, an error map that words every zod issue as "what is allowed", and the choice of one
 * issue to report (inside a union, the branch the input was closest to).
 */
import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { SpecError, show } from '../validate.ts';

type Shape = Record<string, z.ZodType>;

/**
 * The closest of `candidates` to `word` when it is a plausible typo: Levenshtein distance at most 1
 * for words of up to 3 letters, else at most max(2, ⌊|word|/3⌋); or equal ignoring case.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const lower = candidates.find((c) => c.toLowerCase() === word.toLowerCase());
  if (lower !== undefined) return lower;
  const best = closest(word, candidates as string[]);
  const allowed = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= allowed ? best : null;
}

/** The sentence after "path: " for an unknown key among `allowed` keys. */
export function unknownKeyText(key: string, allowed: readonly string[]): string {
  const guess = didYouMean(key, allowed);
  return `unknown key;${guess === null ? '' : ` did you mean ${guess}?`} allowed keys: ${allowed.join(', ')}`;
}

/** A zod object that refuses unknown keys, naming the closest allowed one (the issue's message is the sentence). */
export function strictObject<S extends Shape>(shape: S, description?: string) {
  const keys = Object.keys(shape);
  const schema = z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? unknownKeyText(iss.keys[0], keys) : undefined),
  });
  return description === undefined ? schema : schema.describe(description);
}

interface Bound {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
}

/** "an integer ≥ 1", "a finite number > 0 and ≤ 1": the number a schema accepts, from its checks. */
function numberText(integer: boolean, inst: unknown): string {
  // zod 4 keeps a schema's checks, and an integer's format, in `_zod.def`
  const def = (inst as { _zod?: { def?: { format?: string; checks?: { _zod: { def: Bound } }[] } } })?._zod?.def;
  const checks = (def?.checks ?? []).map((c) => c._zod.def);
  integer ||= def?.format?.includes('int') === true;
  const bounds = checks.flatMap((c) =>
    c.check === 'greater_than' ? [`${c.inclusive ? '≥' : '>'} ${Number(c.value)}`] : c.check === 'less_than' ? [`${c.inclusive ? '≤' : '<'} ${Number(c.value)}`] : [],
  );
  return [integer ? 'an integer' : 'a finite number', bounds.join(' and ')].filter((x) => x !== '').join(' ');
}

/** Per-parse error map: every zod issue worded as what the field allows. */
function allowedText(iss: z.core.$ZodRawIssue): string {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = String(iss.expected);
      if (expected === 'number' || expected === 'int') return numberText(expected === 'int', iss.inst);
      const words: Record<string, string> = {
        string: 'a string',
        boolean: 'true or false',
        array: 'an array',
        object: 'an object',
        null: 'null',
      };
      return words[expected] ?? expected;
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'array') return `at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
      if (iss.origin === 'string') return 'a non-empty string';
      return `a number ${iss.inclusive ? '≥' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'array') return `at most ${max} entries`;
      return `a number ${iss.inclusive ? '≤' : '<'} ${max}`;
    }
    case 'invalid_value':
      return iss.values.length === 1 ? show(iss.values[0]) : `one of ${iss.values.map((v) => show(v)).join(', ')}`;
    case 'invalid_union':
      return ''; // a union's own message, when it has one, lists its alternatives
    default:
      return iss.message ?? 'a valid value';
  }
}

type Path = readonly PropertyKey[];

/** "init.Q[1][0]" from ["init", "Q", 1, 0]; `root` for the empty path. */
export function formatPath(path: Path, root = 'spec'): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? root : out;
}

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * How far a union branch is from the input: refusing the value's whole type or its `kind` means the
 * input was meant for another branch; unknown keys weigh more than a bad field.
 */
function distanceOf(issues: readonly z.core.$ZodIssue[]): number {
  let score = 0;
  for (const iss of issues) {
    if (iss.path.length === 0 && iss.code === 'invalid_type') score += 1000;
    else if (iss.path[iss.path.length - 1] === 'kind' && iss.code === 'invalid_value') score += 100;
    else if (iss.code === 'unrecognized_keys') score += 10 * iss.keys.length;
    else score += 1;
  }
  return score;
}

/**
 * The issue to report, with its full path: unknown keys first (a typo explains a missing field), unions
 * resolved to the closest branch, or reported whole (with the union's list of alternatives) when no
 * branch is close: every branch refuses the value's type, or the value is an empty object.
 */
function pick(issues: readonly z.core.$ZodIssue[], base: Path, input: unknown): { issue: z.core.$ZodIssue; path: Path } {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors;
    const wrongKind = branches.every((b) => b.some((i) => i.path.length === 1 && i.path[0] === 'kind' && i.code === 'invalid_value'));
    if (!wrongKind) {
      let best = branches[0];
      for (const b of branches) if (distanceOf(b) < distanceOf(best)) best = b;
      const value = valueAt(input, path);
      const empty = typeof value === 'object' && value !== null && Object.keys(value).length === 0;
      const noneClose = distanceOf(best) >= 1000 || empty;
      if (!(noneClose && issue.message !== '')) return pick(best, path, input);
    }
  }
  return { issue, path };
}

/** The one `SpecError` for a failed parse of `input`; `root` names the whole input in the path. */
export function specErrorOf(error: z.ZodError, input: unknown, root = 'spec'): SpecError {
  const { issue, path } = pick(error.issues, [], input);
  const where = (p: Path): string => (root === 'spec' ? formatPath(p) : `${root}: ${formatPath(p, 'file')}`);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const at = where([...path, key]);
    return new SpecError(at, valueAt(input, [...path, key]), issue.message, `${at}: ${issue.message}`);
  }
  if (issue.code === 'invalid_union' && issue.message !== '' && issue.errors.length > 0) {
    return new SpecError(where(path), valueAt(input, path), issue.message);
  }
  if (issue.code === 'invalid_union') {
    // every branch refused the kind: list the kinds there are
    const kinds = issue.errors.flatMap((b) => b.flatMap((i) => (i.path[0] === 'kind' && i.code === 'invalid_value' ? i.values : [])));
    const discriminated = (issue as { options?: unknown[] }).options;
    const values = discriminated ?? kinds;
    const kindPath = discriminated !== undefined ? path : [...path, 'kind'];
    return new SpecError(where(kindPath), valueAt(input, kindPath), `one of ${values.map((v) => show(v)).join(', ')}`);
  }
  return new SpecError(where(path), valueAt(input, path), issue.message);
}

/**
 * Parse `input` with `schema`, defaults filled in; the first problem is thrown as a `SpecError`
 * whose path starts at `root` ("spec" for a spec, a file name for a file).
 */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown, root = 'spec'): z.output<T> {
  const result = schema.safeParse(input, { error: allowedText });
  if (!result.success) throw specErrorOf(result.error, input, root);
  return result.data;
}
