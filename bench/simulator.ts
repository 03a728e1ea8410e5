/**
 * Benchmark: one full-batch GD step of the committee network (n = 20000, d = 500, m = 50, quadratic σ)
 * on each simulator path, and the same step in numpy (bench/simulator_numpy.py) on the same machine.
 * A step is 4·n·d·m flops (the forward product X V and the backward product Xᵀ C; the rest is O(n m)).
 * numpy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (they may be set here and slow OpenBLAS).
 *
 * Run: npx tsx bench/simulator.ts [--quick]
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { Rng } from '../src/random.ts';
import { parseActivation } from '../src/integrals/index.ts';
import { tfActivation } from '../src/simulate/activation.ts';
import { useBackend } from '../src/simulate/backend.ts';
import { TfCommittee } from '../src/simulate/network.ts';
import { ShardedGradient } from '../src/io/parallel.node.ts';
import { ReferenceCommittee, type HostBatch } from '../src/simulate/reference.ts';
import { benchScript, numpyEnv } from './python.ts';

const quick = process.argv.includes('--quick');
const n = quick ? 4000 : 20000;
const d = 500;
const m = 50;
const flops = 4 * n * d * m;
const rng = new Rng(1);
const batch: HostBatch = { X: rng.fillNormal(new Float64Array(n * d)), y: rng.fillNormal(new Float64Array(n)), size: n };
const V0 = rng.fillNormal(new Float64Array(d * m), 1 / Math.sqrt(d));
const a0 = new Float64Array(m).fill(1);
const lr = 0.01;

/** Best of `repeats` timings of `step` after one warm-up call, in seconds. */
function best(step: () => void, repeats: number): number {
  step();
  let t = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    step();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

// Timings on a shared machine are only as good as its idle share: print the load next to the cores.
console.log(`${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1, 5, 15 min); n = ${n}, d = ${d}, m = ${m}`);
const rows: { path: string; seconds: number; gflops: number }[] = [];
const record = (path: string, seconds: number): void => {
  rows.push({ path, seconds, gflops: flops / seconds / 1e9 });
  console.log(`${path.padEnd(34)} ${seconds.toFixed(4)} s/step  ${(flops / seconds / 1e9).toFixed(2)} GFLOP/s`);
};

for (const backend of ['wasm', 'cpu'] as const) {
  await useBackend(backend, true);
  const net = new TfCommittee(tfActivation('quadratic', 'activation'), V0, a0, d, m);
  const resident = net.upload(batch);
  record(`tfjs ${backend}, 1 thread`, best(() => net.step(resident, lr, lr).dataSync(), backend === 'cpu' ? 1 : 5));
  net.dispose();
}

await useBackend('wasm', true);
for (const threads of [2]) {
  const sharded = await ShardedGradient.start(tfActivation('quadratic', 'activation'), batch, d, m, threads);
  const V = Float64Array.from(V0);
  const a = Float64Array.from(a0);
  record(`tfjs wasm, ${threads} threads (workers)`, best(() => {
    sharded.compute(V, a);
    for (let k = 0; k < V.length; k++) V[k] -= lr * sharded.gV[k];
    for (let j = 0; j < m; j++) a[j] -= lr * sharded.ga[j];
  }, 5));
  await sharded.stop();
}

const ref = new ReferenceCommittee(parseActivation('quadratic'), V0, a0, d, m);
record('js float64 reference, 1 thread', best(() => ref.step(batch, lr, lr), 1));

const py = spawnSync('python3', [benchScript('simulator_numpy.py'), String(n), String(d), String(m), '5'], { env: numpyEnv(), encoding: 'utf8' });
if (py.status !== 0) {
  console.log(`numpy: failed (${py.stderr.trim().split('\n').pop()})`);
} else {
  const res = JSON.parse(py.stdout.trim()) as { seconds: number; numpy: string };
  record(`numpy ${res.numpy} (OpenBLAS, float32)`, res.seconds);
  const wasm = Math.max(...rows.filter((r) => r.path.startsWith('tfjs wasm')).map((r) => r.gflops));
  console.log(`best popflow / numpy throughput: ${(wasm / (flops / res.seconds / 1e9)).toFixed(2)}`);
}
console.log(JSON.stringify({ n, d, m, flopsPerStep: flops, loadAverage: loadavg(), rows }));
