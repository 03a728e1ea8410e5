/**
 * Code generation: a mathjs expression tree becomes a plain JavaScript function (`new Function`),
 * compiled once. Repeated subtrees are hoisted into local constants (common-subexpression
 * elimination), small integer powers become products. Evaluation then costs what hand-written
 * JavaScript costs, instead of mathjs `evaluate` (≈ 0.5 µs per call).
 */
import * as math from 'mathjs';
import type { MathNode } from 'mathjs';
import { SpecError } from '../validate.ts';
import type { RowKernel } from './types.ts';

/** Runtime helpers reachable from generated code as `H.<name>`. */
const HELPERS = {
  erf: (x: number): number => math.erf(x) as number,
  /** Heaviside step with H(0) = 1/2 (the value at the kink never matters under a Gaussian). */
  heaviside: (x: number): number => (x > 0 ? 1 : x < 0 ? 0 : 0.5),
  sech: (x: number): number => 1 / Math.cosh(x),
  csch: (x: number): number => 1 / Math.sinh(x),
  coth: (x: number): number => 1 / Math.tanh(x),
  sec: (x: number): number => 1 / Math.cos(x),
  csc: (x: number): number => 1 / Math.sin(x),
  cot: (x: number): number => 1 / Math.tan(x),
  /** Guarded forms for closed-form integrals: arguments outside the domain by round-off or by an
   * integrator's error allowance (a correlation of 1 + 1e-9 where two units align, a Schur complement
   * of −1e-10 in a Runge–Kutta stage near that boundary) are clamped to its edge; anything further out
   * is not a covariance and gives NaN. */
  asin: (x: number): number => Math.asin(clampUnit(x)),
  acos: (x: number): number => Math.acos(clampUnit(x)),
  sqrt: (x: number): number => Math.sqrt(x < 0 && x > -GUARD ? 0 : x),
};

/**
 * Allowance of the guarded asin, acos and sqrt: aligned units (a fixed point of ReLU and erf flows)
 * put the covariance on the boundary of the positive cone, and an ODE stage state at rtol 1e-8 can
 * step outside it by ~1e-9; 1e-7 absorbs that and still refuses genuinely invalid covariances.
 */
const GUARD = 1e-7;

function clampUnit(x: number): number {
  return x > 1 && x < 1 + GUARD ? 1 : x < -1 && x > -1 - GUARD ? -1 : x;
}

/** Functions replaced by their guarded helpers when compiling with `guarded: true`. */
const GUARDED: Readonly<Record<string, string>> = { asin: 'H.asin', acos: 'H.acos', sqrt: 'H.sqrt' };

/** Functions an expression may call, with the JavaScript each one compiles to. */
export const FUNCTION_TARGETS: Readonly<Record<string, string>> = {
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', asin: 'Math.asin', acos: 'Math.acos', atan: 'Math.atan', atan2: 'Math.atan2',
  sinh: 'Math.sinh', cosh: 'Math.cosh', tanh: 'Math.tanh', asinh: 'Math.asinh', acosh: 'Math.acosh', atanh: 'Math.atanh',
  exp: 'Math.exp', expm1: 'Math.expm1', log: 'Math.log', log1p: 'Math.log1p', sqrt: 'Math.sqrt', cbrt: 'Math.cbrt',
  abs: 'Math.abs', sign: 'Math.sign', max: 'Math.max', min: 'Math.min',
  erf: 'H.erf', heaviside: 'H.heaviside', sech: 'H.sech', csch: 'H.csch', coth: 'H.coth',
  sec: 'H.sec', csc: 'H.csc', cot: 'H.cot',
};

const CONSTANTS: Readonly<Record<string, string>> = { pi: 'Math.PI', e: 'Math.E' };

const BINARY: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/' };

/**
 * JavaScript for several expressions at once: hoisted constants shared by all of them (a subtree
 * repeated anywhere is computed once) and one final expression per node.
 * `params` are the only free symbols allowed (besides pi and e); `path` names the input in errors.
 */
function generateLines(
  nodes: readonly MathNode[],
  params: readonly string[],
  path: string,
  guarded = false,
  fold = true,
): { lines: string[]; results: string[] } {
  const counts = new Map<string, number>();
  for (const node of nodes) {
    node.traverse((n) => {
      if (isCompound(n)) counts.set(n.toString(), (counts.get(n.toString()) ?? 0) + 1);
    });
  }
  const hoisted = new Map<string, string>();
  const lines: string[] = [];
  const hoist = (key: string, js: string): string => {
    const name = `t${lines.length}`;
    lines.push(`const ${name} = ${js};`);
    if (key !== '') hoisted.set(key, name);
    return name;
  };
  const emit = (n: MathNode, forceHoist = false): string => {
    if (n.type === 'ParenthesisNode') return emit((n as math.ParenthesisNode).content, forceHoist);
    if (fold && isCompound(n) && isConstant(n, params)) return literal(n, path, guarded);
    const key = isCompound(n) ? n.toString() : '';
    const known = hoisted.get(key);
    if (known !== undefined) return known;
    const js = translate(n, emit, params, path, guarded);
    return key !== '' && (forceHoist || (counts.get(key) ?? 0) > 1) ? hoist(key, js) : js;
  };
  const results = nodes.map((n) => emit(n));
  return { lines, results };
}

/** JavaScript function body for `node`: hoisted constants plus a return statement. */
function generateSource(node: MathNode, params: readonly string[], path: string, guarded = false, fold = true): string {
  const { lines, results } = generateLines([node], params, path, guarded, fold);
  return `${lines.join('\n')}\nreturn ${results[0]};`;
}

/**
 * A row kernel for a function of (c11, c22, c12) and its partial derivatives: the returned
 * `(c11, c22, c22Offset, c12, c12Offset, n, out)` evaluates, for i < n, every node at
 * (c11, c22[c22Offset + i], c12[c12Offset + i]) and writes node k's value to out[K·i + k]
 * (K = nodes.length). One generated loop, the formulas inlined, common subexpressions shared
 * across the nodes: no call per pair.
 */
export function compileRowKernel(nodes: readonly MathNode[], path: string, guarded = false): RowKernel {
  const params = ['c11', 'c22', 'c12'];
  const { lines, results } = generateLines(nodes, params, path, guarded);
  const K = nodes.length;
  const body = [
    'for (let i = 0; i < n; i++) {',
    '  const c22 = c22s[c22Offset + i];',
    '  const c12 = c12s[c12Offset + i];',
    ...lines.map((l) => `  ${l}`),
    ...results.map((r, k) => `  out[${K} * i + ${k}] = ${r};`),
    '}',
  ].join('\n');
  const make = new Function('H', `return function (c11, c22s, c22Offset, c12s, c12Offset, n, out) {\n${body}\n};`) as (
    h: typeof HELPERS,
  ) => RowKernel;
  return make(HELPERS);
}

/**
 * Compile `node` to a function of `params` (in that order). `guarded` compiles asin, acos and sqrt
 * to versions that forgive round-off just outside their domain (for closed-form integrals).
 */
export function compileNode<F extends (...args: number[]) => number>(
  node: MathNode,
  params: readonly string[],
  path: string,
  guarded = false,
): F {
  return instantiate<F>(generateSource(node, params, path, guarded), params);
}

/** True when `n` has no free parameter (only numbers, pi and e): it is folded at compile time. */
function isConstant(n: MathNode, params: readonly string[]): boolean {
  return n.filter((m) => m.type === 'SymbolNode' && params.includes((m as math.SymbolNode).name)).length === 0;
}

function constantValue(n: MathNode, path: string, guarded: boolean): number {
  return instantiate<() => number>(generateSource(n, [], path, guarded, false), [])();
}

function literal(n: MathNode, path: string, guarded: boolean): string {
  const v = constantValue(n, path, guarded);
  return v < 0 ? `(${v})` : String(v);
}

function instantiate<F>(body: string, params: readonly string[]): F {
  const make = new Function('H', `return function (${params.join(', ')}) {\n${body}\n};`) as (h: typeof HELPERS) => F;
  return make(HELPERS);
}

function isCompound(n: MathNode): boolean {
  return n.type === 'OperatorNode' || n.type === 'FunctionNode';
}

function translate(
  n: MathNode,
  emit: (n: MathNode, forceHoist?: boolean) => string,
  params: readonly string[],
  path: string,
  guarded: boolean,
): string {
  switch (n.type) {
    case 'ConstantNode': {
      const v = (n as math.ConstantNode).value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new SpecError(path, String(v), 'finite numeric constants');
      return v < 0 ? `(${v})` : String(v);
    }
    case 'SymbolNode': {
      const name = (n as math.SymbolNode).name;
      if (params.includes(name)) return name;
      const c = CONSTANTS[name];
      if (c !== undefined) return c;
      throw new SpecError(path, name, `an expression in ${params.join(', ')} (constants pi, e)`);
    }
    case 'OperatorNode': {
      const op = n as math.OperatorNode;
      const args = op.args;
      if (op.fn === 'unaryMinus') return `(-${emit(args[0])})`;
      if (op.fn === 'unaryPlus') return emit(args[0]);
      if (op.fn === 'pow') {
        const k = isConstant(args[1], params) ? constantValue(args[1], path, guarded) : NaN;
        return power(args[0], args[1], k, emit);
      }
      const sym = BINARY[op.fn];
      if (sym === undefined) throw new SpecError(path, op.op, 'operators + - * / ^');
      return `(${args.map((a) => emit(a)).join(` ${sym} `)})`;
    }
    case 'FunctionNode': {
      const fn = n as math.FunctionNode;
      const target = (guarded ? GUARDED[fn.fn.name] : undefined) ?? FUNCTION_TARGETS[fn.fn.name];
      if (target === undefined) {
        throw new SpecError(path, fn.fn.name, `one of the functions ${Object.keys(FUNCTION_TARGETS).join(', ')}`);
      }
      return `${target}(${fn.args.map((a) => emit(a)).join(', ')})`;
    }
    default:
      throw new SpecError(path, n.toString(), 'an arithmetic expression (numbers, symbols, + - * / ^, function calls)');
  }
}

/** b^k (k: the exponent's value when constant, else NaN): k = 2, 3, 4 as repeated products of the (hoisted) base, else Math.pow. */
function power(base: MathNode, exponent: MathNode, k: number, emit: (n: MathNode, forceHoist?: boolean) => string): string {
  if (Number.isInteger(k) && k >= 2 && k <= 4) return `(${Array(k).fill(emit(base, true)).join(' * ')})`;
  if (k === 1) return emit(base);
  return `Math.pow(${emit(base)}, ${emit(exponent)})`;
}
