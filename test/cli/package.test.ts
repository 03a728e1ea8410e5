/** What `npm pack` ships: the compiled code, README, docs and example specs; no tests, reports, benchmarks or sources. */
import test from 'ava';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childEnv, ROOT } from './helpers.ts';

const run = promisify(execFile);

test('npm pack ships only dist/, README, docs, example specs and package.json', async (t) => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: childEnv(), timeout: 120_000 });
  const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  const allowed = /^(dist\/(src|solvers|experiments|reports|cli)\/.+\.(js|d\.ts)|README\.md|LICENSE|package\.json|docs\/[\w-]+\.md|examples\/[\w.-]+\.json|schema\/[\w.-]+\.json)$/;
  t.deepEqual(files.filter((f) => !allowed.test(f)), []);
  t.false(files.some((f) => /^(test|bench|reports)\//.test(f)));
  t.false(files.some((f) => /^dist\/(cli|experiments)\/.*\.d\.ts$/.test(f)), 'no declarations for the CLI and experiments');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, Record<string, string>> };
  t.is(pkg.bin.popflow, 'dist/cli/main.js');
  t.is(pkg.exports['.'].default, './dist/src/index.js');
  t.is(pkg.exports['.'].types, './dist/src/index.d.ts');
  t.true((await readFile(join(ROOT, 'cli', 'main.ts'), 'utf8')).startsWith('#!/usr/bin/env node\n'), 'the bin keeps its shebang');
});
