/**
 * out[o + i] = base[i] + h·Σ_j w_j·k_j[i] over the j < count with w_j ≠ 0 (base = 0 when null): every
 * explicit Runge–Kutta stage state, new solution, error estimate and dense-output coefficient is one.
 *
 * One pass over the entries with all terms in the loop body, so each entry of `out` is written once
 * instead of once per term: separate axpy sweeps were memory-bound on large states (≈ 1.4 ns per term
 * and entry at n = 20 000, where the slopes no longer fit in cache). JavaScript cannot unroll a loop over
 * a variable number of arrays without an indirection per element, so the loop is generated once per
 * number of terms (at most the stage count of a tableau plus one) and cached. The sum is taken in the
 * order base, term 0, term 1, …, as the sweeps did, so results are the same to the bit.
 */
type Kernel = (out: Float64Array, offset: number, base: Float64Array | null, c: Float64Array, k: Float64Array[], n: number) => void;

const MAX_TERMS = 16;
const kernels: Kernel[] = [];
/** Scratch: the nonzero coefficients (times h) and their slopes of the current call. */
const coefficients = new Float64Array(MAX_TERMS);
const slopes: Float64Array[] = [];

function kernel(terms: number): Kernel {
  let fn = kernels[terms];
  if (fn !== undefined) return fn;
  const names = Array.from({ length: terms }, (_, t) => t);
  const locals = names.map((t) => `const c${t} = c[${t}], k${t} = k[${t}];`).join('\n');
  const sum = names.map((t) => ` + c${t} * k${t}[i]`).join('');
  const noBase = terms === 0 ? '0' : sum.slice(3);
  const body = `${locals}
if (base === null) { for (let i = 0; i < n; i++) out[offset + i] = ${noBase}; }
else { for (let i = 0; i < n; i++) out[offset + i] = base[i]${sum}; }`;
  fn = new Function('out', 'offset', 'base', 'c', 'k', 'n', body) as Kernel;
  kernels[terms] = fn;
  return fn;
}

/**
 * out[offset + i] = base[i] + h·Σ_{j<count, w_j≠0} w_j·k_j[i] for i < n (base = 0 when null). `out`
 * must not alias `base` or any k_j. Allocation-free after the first call with a given number of terms.
 */
export function linearCombination(
  out: Float64Array,
  offset: number,
  n: number,
  base: Float64Array | null,
  h: number,
  w: readonly number[],
  k: readonly Float64Array[],
  count: number,
): void {
  let terms = 0;
  for (let j = 0; j < count; j++) {
    if (w[j] === 0) continue;
    if (terms === MAX_TERMS) throw new Error(`a linear combination of more than ${MAX_TERMS} slopes`);
    coefficients[terms] = h * w[j];
    slopes[terms++] = k[j];
  }
  kernel(terms)(out, offset, base, coefficients, slopes, n);
}
