/**
 * `compare` twice on the same spec: identical data files, wall-clock fields only in `timing`, and no
 * temporary directory left behind.
 */
import test from 'ava';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from './helpers.ts';

const leftovers = async (): Promise<string[]> => (await readdir(tmpdir())).filter((f) => f.startsWith('popflow-compare-'));

test('two runs of compare give identical data files apart from the timing section', async (t) => {
  const before = await leftovers();
  const root = await mkdtemp(join(tmpdir(), 'popflow-twice-'));
  const args = [join(ROOT, 'examples', 'compare-sgd.json'), '--backend', 'js', '--set', 'd=60', '--set', 'seeds=2', '--set', 'times=[0,1,2,5,10]'];
  for (const out of ['a', 'b']) {
    const r = await cli('compare', ...args, '--out', join(root, out));
    t.true(r.code === 0 || r.code === 1, r.stderr);
  }
  const files = (await readdir(join(root, 'a'))).sort();
  t.deepEqual(files, (await readdir(join(root, 'b'))).sort());
  for (const f of files) {
    if (f === 'report.md' || f === 'report.html') continue; // these state the date
    // Renderings are not data: the figure's numbers are in its .json and .csv, compared here.
    if (/\.(png|svg|pdf)$/.test(f)) continue;
    const [a, b] = await Promise.all([readFile(join(root, 'a', f)), readFile(join(root, 'b', f))]);
    if (f === 'data.json') {
      const [ja, jb] = [JSON.parse(String(a)), JSON.parse(String(b))] as { timing: { date: string; simulationSeconds: number[] } }[];
      t.truthy(ja.timing.date);
      t.is(ja.timing.simulationSeconds.length, 1);
      t.deepEqual({ ...ja, timing: null }, { ...jb, timing: null }, 'data.json outside timing');
      t.false(/wallSeconds/.test(String(a)), 'no wall-clock field outside timing');
    } else {
      t.true(a.equals(b), `${f} differs between the runs`);
    }
  }
  t.deepEqual(await leftovers(), before, 'no temporary directory left behind');
});
