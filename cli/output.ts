/** Where command output goes: a file given by --out (written atomically) or stdout. */
import { writeFileAtomic } from '../src/io/atomicWrite.ts';
import { userPath } from './paths.ts';

/** Write `text` to `out` (relative to the caller's directory) atomically, or to stdout without one. */
export async function emit(out: string | undefined, text: string): Promise<void> {
  if (out === undefined) process.stdout.write(text);
  else await writeFileAtomic(userPath(out), text);
}

/** One diagnostic line on stderr. */
export function note(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/** The command line as typed, for provenance: `popflow ode spec.json --format csv`. */
export function commandLine(): string {
  return ['popflow', ...process.argv.slice(2)].map((a) => (/^[\w./=:@%+,-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');
}

/** Collect a repeatable option's values (commander's reducer for `--set a=1 --set b=2`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
