/**
 * The README's library and loading examples are files under examples/, shown verbatim in the README;
 * here they are checked to match and run: the library example end to end, the Python and TypeScript
 * loaders on files written by `popflow ode`.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childEnv, cli, ROOT } from './helpers.ts';

const run = promisify(execFile);
const EXAMPLES = ['library.ts', 'load-result.py', 'load-result.ts'];

/** Run a TypeScript example from source: `popflow` resolves to the checkout's own src/ (condition popflow-source). */
const runTs = (file: string, cwd: string) =>
  run(process.execPath, ['--conditions=popflow-source', '--import', import.meta.resolve('tsx'), join(ROOT, 'examples', file)], { cwd, env: childEnv(), timeout: 240_000 });

test('the README shows each example file verbatim', async (t) => {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  for (const f of EXAMPLES) {
    const text = (await readFile(join(ROOT, 'examples', f), 'utf8')).trimEnd();
    t.true(readme.includes(`\n${text}\n\`\`\``), `README.md lacks examples/${f}`);
  }
});

test('the library example solves, simulates and draws a figure', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-library-'));
  const { stdout } = await runTs('library.ts', dir);
  t.regex(stdout, /^success: ε_g\(α = 100\) = 0\.01\d+ \(ODE\), 0\.01\d+ \(simulation\)/);
  t.regex(stdout, /Q = \[/);
  for (const f of ['sgd.png', 'sgd.csv', 'sgd.json']) t.true(existsSync(join(dir, f)), f);
  t.log(stdout.split('\n')[0]);
});

test('the Python and TypeScript loading examples read what popflow ode writes', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-load-'));
  const spec = join(ROOT, 'examples', 'erf-flow.json');
  t.is((await cli('ode', spec, '--format', 'csv', '--out', join(dir, 'erf.csv'))).code, 0);
  t.is((await cli('ode', spec, '--out', join(dir, 'erf.json'))).code, 0);
  const py = await run('python3', [join(ROOT, 'examples', 'load-result.py')], { cwd: dir, timeout: 60_000 });
  t.regex(py.stdout, /^popflow \d+\.\d+\.\d+, status success, activation erf, 40 times\neps_g\(1000\) = \d\.\d{3}e-\d+, R_11 = /);
  const ts = await runTs('load-result.ts', dir);
  t.regex(ts.stdout, /^popflow \d+\.\d+\.\d+, status success, 40 times, spec [0-9a-f]{12}\nε_g\(1000\) = /);
  t.true(existsSync(join(dir, 'erf-typescript.png')));
});
