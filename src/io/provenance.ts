/**
 * Provenance of an output file: what made it (the full spec with defaults filled in and its hash, the
 * popflow version, the git commit of the checkout when there is one, node's version, the backend and
 * seed) and when. Written into every file popflow outputs, so a result can be traced to its inputs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './packageRoot.ts';
import { canonicalJson } from './runCache.ts';
import { POPFLOW_VERSION } from '../version.ts';

let commit: string | null | undefined;
/**
 * The git commit of popflow's own checkout (`git rev-parse HEAD`, with `-dirty` when tracked files
 * differ from it), or null for an installed package or when git is unavailable.
 */
export function gitCommit(): string | null {
  if (commit !== undefined) return commit;
  const root = packageRoot();
  commit = null;
  if (existsSync(join(root, '.git'))) {
    try {
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      commit = dirty === '' ? head : `${head}-dirty`;
    } catch {
      commit = null;
    }
  }
  return commit;
}

/** SHA-256 (hex) of the canonical JSON of a spec: equal specs give equal hashes whatever their key order. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

export interface Provenance {
  popflow: string;
  commit: string | null;
  node: string;
  /** ISO 8601 time the file was written. */
  date: string;
  /** The command line that made the file, when it came from the CLI. */
  command?: string;
  backend: string;
  seed: number | null;
  specHash: string;
  /** The full spec, defaults filled in. */
  spec: unknown;
}

/** Provenance of a result computed from `spec` (already validated, defaults filled in). */
export function provenance(spec: unknown, extra: { backend: string; seed: number | null; command?: string }): Provenance {
  return {
    popflow: POPFLOW_VERSION,
    commit: gitCommit(),
    node: process.version,
    date: new Date().toISOString(),
    ...(extra.command === undefined ? {} : { command: extra.command }),
    backend: extra.backend,
    seed: extra.seed,
    specHash: specHash(spec),
    spec,
  };
}

/**
 * Provenance as `# key: value` comment lines (values other than strings as JSON), for the top of a
 * CSV file: `pandas.read_csv(f, comment='#')` and R's `read.csv(comment.char = '#')` skip them.
 */
export function provenanceComments(p: Provenance | Record<string, unknown>): string {
  return Object.entries(p)
    .map(([k, v]) => `# ${k}: ${typeof v === 'string' ? v.replace(/[\r\n]+/g, ' ') : JSON.stringify(v)}\n`)
    .join('');
}
