/**
 * The run cache: finished runs stored as JSON under a key that is a hash of the run's spec (with
 * defaults filled in) and of the code version. A rerun of the same spec by the same code finds its
 * result; a change of spec or code gives a new key, so stale results are never reused. Entries are
 * written atomically, so a cache shared by several processes or cluster nodes on one file system
 * never holds a partial entry.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from './atomicWrite.ts';
import { codeRoot } from './packageRoot.ts';
import { POPFLOW_VERSION } from '../version.ts';

/**
 * JSON with object keys sorted at every level, so that equal values give equal text whatever the
 * order their keys were written in. Non-finite numbers are refused (JSON cannot hold them).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`canonicalJson: non-finite number ${v}`);
    if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) {
      return ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
    }
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const CODE_DIRS = ['src', 'solvers', 'experiments'];
let cachedVersion: string | undefined;

/**
 * The code version that cache keys carry: popflow's package version and a SHA-256 over the contents
 * of every source file under src/, solvers/ and experiments/ (`.ts` and `.js`, in path order) below
 * the code root (the checkout, or `dist/` of the compiled package). Any edit to the physics, the
 * solvers or an experiment therefore invalidates every cached run.
 */
export function codeVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  const base = codeRoot();
  const hash = createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js)$/.test(name)) files.push(path);
    }
  };
  for (const d of CODE_DIRS) walk(join(base, d));
  for (const f of files) hash.update(relative(base, f)).update('\0').update(readFileSync(f)).update('\0');
  cachedVersion = `${POPFLOW_VERSION}+${hash.digest('hex').slice(0, 12)}`;
  return cachedVersion;
}

/** Cache key of a run: SHA-256 of the canonical JSON of {spec, code} (hex, 32 characters kept). */
export function runKey(spec: unknown, code = codeVersion()): string {
  return sha256(canonicalJson({ spec, code })).slice(0, 32);
}

/** One stored run: what was asked, by which code, and what came back. */
export interface CacheEntry<T> {
  key: string;
  code: string;
  spec: unknown;
  finishedAt: string;
  value: T;
}

/** A directory of finished runs, one `<key>.json` file each. */
export class RunCache {
  constructor(
    readonly dir: string,
    readonly code = codeVersion(),
  ) {}

  /** Path of the entry for `key`. */
  path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /** Key of a spec under this cache's code version. */
  key(spec: unknown): string {
    return runKey(spec, this.code);
  }

  /**
   * Whether a finished run is stored under `key`, without reading it (entries are written whole, by
   * an atomic rename, so an entry that exists is complete).
   */
  async has(key: string): Promise<boolean> {
    try {
      await access(this.path(key));
      return true;
    } catch {
      return false;
    }
  }

  /** The stored entry for `key`, or undefined when there is none (or it cannot be parsed). */
  async get<T>(key: string): Promise<CacheEntry<T> | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as CacheEntry<T>;
    } catch {
      return undefined;
    }
  }

  /** Store a finished run atomically. */
  async put<T>(key: string, spec: unknown, value: T): Promise<void> {
    const entry: CacheEntry<T> = { key, code: this.code, spec, finishedAt: new Date().toISOString(), value };
    await writeFileAtomic(this.path(key), JSON.stringify(entry) + '\n');
  }
}
