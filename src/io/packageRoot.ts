/** Where popflow is installed: found by walking up from this module to the nearest package.json. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory of popflow's package.json (the checkout, or node_modules/popflow when installed). */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  root = dir;
  return dir;
}

/**
 * The directory that holds popflow's code folders (src/, solvers/, experiments/, …): the package root
 * when running from source, `dist/` when running the compiled package.
 */
export function codeRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..');
}
