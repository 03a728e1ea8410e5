import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProgram } from '../../cli/program.ts';
import { callerDir } from '../../cli/paths.ts';
import { applyOverride, parseOverride } from '../../cli/spec.ts';
import { cli, ROOT } from './helpers.ts';

const example = (name: string): string => join(ROOT, 'examples', name);
const commandNames = createProgram().commands.map((c) => c.name());

test.serial('every command answers --help with exit code 0 and an example', async (t) => {
  t.true(commandNames.length >= 5);
  for (const name of commandNames) {
    const r = await cli(name, '--help');
    t.is(r.code, 0, `${name} --help`);
    t.regex(r.stdout, new RegExp(`Usage: popflow ${name}`));
    t.regex(r.stdout, /Examples?:\n {2}\$ npx popflow /, `${name} --help shows an example`);
  }
  const top = await cli('--help');
  t.is(top.code, 0);
  for (const name of commandNames) t.true(top.stdout.includes(name));
});

test.serial('--version prints the package version', async (t) => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = await cli('--version');
  t.is(r.code, 0);
  t.is(r.stdout.trim(), pkg.version);
});

test.serial('unknown flags, commands and choices exit 2 with a suggestion; no command prints usage with 2', async (t) => {
  const flag = await cli('run', 'erf-width', '--ful');
  t.is(flag.code, 2);
  t.regex(flag.stderr, /unknown option '--ful'/);
  t.regex(flag.stderr, /Did you mean --full\?/);
  const command = await cli('odee', 'x.json');
  t.is(command.code, 2);
  t.regex(command.stderr, /Did you mean ode\?/);
  const format = await cli('ode', example('erf-flow.json'), '--format', 'xml');
  t.is(format.code, 2);
  t.regex(format.stderr, /Allowed choices are json, csv/);
  const experiment = await cli('run', 'erf-widht');
  t.is(experiment.code, 2);
  t.regex(experiment.stderr, /erf-width/);
  t.is((await cli()).code, 2);
});

test.serial('user errors are one line with exit 2 and no stack trace', async (t) => {
  const missing = await cli('ode', 'no-such-spec.json');
  t.is(missing.code, 2);
  t.regex(missing.stderr, /^popflow: .*no-such-spec\.json: no such file \(expected a spec file\)\n$/);
  const bad = await cli('ode', example('erf-flow.json'), '--set', 'solver.rtol=-1');
  t.is(bad.code, 2);
  t.is(bad.stderr.split('\n').filter(Boolean).length, 1);
  t.regex(bad.stderr, /solver\.rtol/);
  t.notRegex(bad.stderr, /\s+at /);
});

test('--set: dotted paths, JSON values when they parse, strings otherwise, created objects, array indices', (t) => {
  const spec: Record<string, unknown> = { dynamics: { kind: 'online-sgd', lr: 0.5 }, model: { a: [1, 1] } };
  applyOverride(spec, parseOverride('dynamics.lr=0.2'));
  applyOverride(spec, parseOverride('model.activation=tanh(x)'));
  applyOverride(spec, parseOverride('model.a.1=3'));
  applyOverride(spec, parseOverride('stop.lossBelow=1e-4'));
  applyOverride(spec, parseOverride('events={"lossBelow":[0.1]}'));
  t.deepEqual(spec, {
    dynamics: { kind: 'online-sgd', lr: 0.2 },
    model: { a: [1, 3], activation: 'tanh(x)' },
    stop: { lossBelow: 1e-4 },
    events: { lossBelow: [0.1] },
  });
  t.throws(() => parseOverride('no-equals-sign'), { message: /path=value/ });
  t.throws(() => applyOverride(spec, parseOverride('model.a.5=1')), { message: /index from 0 to 1/ });
});

test('paths resolve from INIT_CWD only under an npm script of this package', (t) => {
  const pkg = join(ROOT, 'package.json');
  t.is(callerDir({ INIT_CWD: '/home/me/work', npm_package_json: pkg }, ROOT), '/home/me/work');
  t.is(callerDir({ INIT_CWD: '/home/me/work', npm_package_json: pkg }, '/tmp/elsewhere'), '/tmp/elsewhere');
  t.is(callerDir({}, '/tmp/elsewhere'), '/tmp/elsewhere');
});

test.serial('risk reads only the model: a model-only file works', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-cli-'));
  const file = join(dir, 'model.json');
  await writeFile(file, JSON.stringify({ kind: 'committee', activation: 'erf', a: [1, 1], aStar: [1] }));
  const r = await cli('risk', file);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /ε_g|eps|Q/);
  const full = await cli('risk', example('erf-flow.json'), '--out', join(dir, 'risk.txt'));
  t.is(full.code, 0, full.stderr);
  t.true((await readFile(join(dir, 'risk.txt'), 'utf8')).length > 20);
});

test.serial('ode --format csv: provenance comment lines, then long-form columns t, loss, loss_floor, Q, R, a', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-cli-'));
  const out = join(dir, 'erf.csv');
  const r = await cli('ode', example('erf-flow.json'), '--format', 'csv', '--set', 'times.points=6', '--out', out);
  t.is(r.code, 0, r.stderr);
  const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const body = lines.filter((l) => !l.startsWith('#'));
  for (const key of ['popflow', 'commit', 'date', 'backend', 'seed', 'specHash', 'spec', 'status']) {
    t.true(comments.some((l) => l.startsWith(`# ${key}: `)), `provenance line ${key}`);
  }
  const spec = JSON.parse(comments.find((l) => l.startsWith('# spec: '))!.slice('# spec: '.length)) as { solver: { rtol: number } };
  t.is(spec.solver.rtol, 1e-10, 'the spec is recorded with its values');
  t.is(body[0], 't,loss,loss_floor,Q_11,Q_12,Q_13,Q_21,Q_22,Q_23,Q_31,Q_32,Q_33,R_11,R_12,R_21,R_22,R_31,R_32,a_1,a_2,a_3');
  t.is(body.length, 7);
  t.true(body.slice(1).every((l) => l.split(',').length === 21 && l.split(',').every((v) => Number.isFinite(Number(v)))));
});

test.serial('ode --format json carries the trajectory and its provenance; --set changes the spec', async (t) => {
  const r = await cli('ode', example('erf-flow.json'), '--set', 'times.points=4', '--set', 'solver.rtol=1e-8');
  t.is(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { t: number[]; loss: number[]; Q: number[][][]; provenance: { spec: { solver: { rtol: number } }; specHash: string; seed: number } };
  t.is(json.t.length, 4);
  t.is(json.provenance.spec.solver.rtol, 1e-8);
  t.is(json.provenance.seed, 1);
  t.regex(json.provenance.specHash, /^[0-9a-f]{64}$/);
});
