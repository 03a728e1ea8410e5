/** What `npm pack` ships: the compiled code, README, docs and example specs; no tests, reports, benchmarks or sources. */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { POPFLOW_VERSION } from '../../src/version.ts';
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

test('the packed tarball installs in an empty directory: npx popflow --version, ode --format csv and a library import work', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-install-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, env: childEnv(), timeout: 120_000 });
  const tarball = join(dir, packed.stdout.trim().split('\n').at(-1)!);
  const env = childEnv();
  await writeFile(join(dir, 'package.json'), '{"name": "consumer", "version": "1.0.0", "private": true}\n');
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: dir, env, timeout: 300_000 });
  const version = await run('npx', ['popflow', '--version'], { cwd: dir, env, timeout: 60_000 });
  t.is(version.stdout.trim(), POPFLOW_VERSION);
  const spec = { model: { activation: 'erf', a: [1, 1], aStar: [1, 1] }, init: { kind: 'random', d: 100, scale: 0.5, seed: 1 }, times: [0, 1, 10] };
  await writeFile(join(dir, 'spec.json'), JSON.stringify(spec));
  const csv = await run('npx', ['popflow', 'ode', 'spec.json', '--format', 'csv'], { cwd: dir, env, timeout: 120_000 });
  t.regex(csv.stdout, /^t,loss,loss_floor,Q_11,/m);
  await writeFile(join(dir, 'use.mjs'), `import { solve } from 'popflow';\nconsole.log(solve(${JSON.stringify(spec)}).status);\n`);
  const lib = await run(process.execPath, ['use.mjs'], { cwd: dir, env, timeout: 120_000 });
  t.is(lib.stdout.trim(), 'success');
});

test('POPFLOW_VERSION is the version in package.json', async (t) => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  t.is(POPFLOW_VERSION, pkg.version);
});
