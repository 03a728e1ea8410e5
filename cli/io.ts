/** Command-line plumbing: argument parsing, JSON input, output to a file or stdout. */
import { readFileSync, writeFileSync } from 'node:fs';
import { SpecError } from '../src/validate.ts';

/** Positional arguments and `--flag [value]` options. */
export interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--') && VALUE_FLAGS.has(arg)) {
        flags.set(arg, next);
        i++;
      } else {
        flags.set(arg, true);
      }
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

const VALUE_FLAGS = new Set(['--out', '--backend', '--format', '--width', '--shard', '--shards', '--executor', '--partition', '--time', '--mem', '--array-parallelism', '--tasks', '--parallel']);

/** Read and parse a JSON file, reporting failures as user errors. */
export function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SpecError('file', path, 'a readable JSON file');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SpecError(path, text.slice(0, 40), `valid JSON (${(e as Error).message})`);
  }
}

/** Write text to --out when given, else to stdout. */
export function emit(args: Args, text: string): void {
  const out = args.flags.get('--out');
  if (typeof out === 'string') writeFileSync(out, text);
  else process.stdout.write(text);
}

