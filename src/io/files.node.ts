/**
 * Node side of the file boundary: the core reaches the file system only through `#io/files`, which
 * resolves here under Node and to `files.browser.ts` in a browser bundle (package.json "imports").
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomicWrite.ts';

/** The text of a UTF-8 file. */
export function readTextFile(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Write a UTF-8 file atomically (a temporary file in the same directory, then a rename). */
export function writeTextFile(path: string, text: string): void {
  writeFileAtomicSync(path, text);
}

/** A fresh, empty temporary directory whose name starts with `prefix`. */
export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `dir` and `name` joined with the platform's separator. */
export function joinPath(dir: string, name: string): string {
  return join(dir, name);
}

/** Remove a directory and everything in it (no error when it is already gone). */
export function removeDirectory(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
