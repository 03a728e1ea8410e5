/**
 * Browser side of the file boundary (`#io/files` in a bundle for the browser): a page has no file
 * system, so reading or writing a path fails with a message that says so.
 */

function noFiles(path: string): never {
  throw new Error(`${path}: a browser page cannot read or write files (give the data inline instead)`);
}

/** Always throws: no file system in a browser. */
export function readTextFile(path: string): string {
  return noFiles(path);
}

/** Always throws: no file system in a browser. */
export function writeTextFile(path: string, _text: string): void {
  noFiles(path);
}

/** Always throws: no file system in a browser. */
export function temporaryDirectory(prefix: string): string {
  return noFiles(`${prefix}…`);
}

/** `dir` and `name` joined with "/". */
export function joinPath(dir: string, name: string): string {
  return `${dir}/${name}`;
}

/** Always throws: no file system in a browser. */
export function removeDirectory(path: string): void {
  noFiles(path);
}
