/**
 * Initial-overlaps files on disk (Node only): written atomically, read with the file checks of
 * `readJsonFile` and the content checks of `parseInitialOverlaps`.
 */
import { initialOverlapsText, parseInitialOverlaps, type InitialOverlaps } from '../committee/overlapsFile.ts';
import { writeFileAtomicSync } from './atomicWrite.ts';
import { readJsonFile } from './readSpec.ts';

/** Write initial overlaps to `path` atomically (a temporary file in the same folder, then a rename). */
export function writeInitialOverlaps(path: string, o: InitialOverlaps): void {
  writeFileAtomicSync(path, initialOverlapsText(o));
}

/** Read and validate an initial-overlaps file; every problem is one `SpecError`. */
export function readInitialOverlaps(path: string): InitialOverlaps {
  return parseInitialOverlaps(readJsonFile(path, 'an initial-overlaps file written by a simulation'), path);
}
