import test from 'ava';
import { experiment } from '../../experiments/martin-bach-biroli.ts';
import { plainContext } from '../../experiments/context.ts';

test('martin-bach-biroli quick run: the paper\'s pairs, claims for each, and the laws the limits derive', async (t) => {
  const data = await experiment.run(plainContext(true));
  t.is(data.name, 'martin-bach-biroli');
  t.true(data.figures.every((f) => f.spec.series.length > 0 && f.spec.series.every((s) => s.x.length === s.y.length)));
  for (const pair of ['0.5-0.25', '0.5-0.5', '0.25-0.5']) {
    t.truthy(data.figures.find((f) => f.file === `loss-${pair}.png`));
    t.truthy(data.figures.find((f) => f.file === `overlap-${pair}.png`));
  }
  const byId = Object.fromEntries(data.claims.map((c) => [c.id, c]));
  // deterministic limits: late exponents 2 (loss) and 1 (gap) for m > m*, exponential at m = m*, the stall at α*/α − 1
  for (const id of ['late-power-law', 'overlap-gap-power-law', 'late-exponential', 'stall-level', 'escape-time-ln-d']) t.is(byId[id]?.verdict, 'supported', id);
  // quick sizes: 4 seeds cannot give a Wilson interval above 0.8 — honest 'inconclusive', never 'not supported'
  t.is(byId['strong-recovery'].verdict, 'inconclusive');
  t.true(data.claims.every((c) => c.verdict === 'not tested' || c.measured !== undefined));
});
