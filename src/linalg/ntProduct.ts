/**
 * Repeated products C = A Bᵀ of one shape, in WebAssembly SIMD where the runtime has it (Node ≥ 16 and
 * current browsers) and in plain JavaScript otherwise. The operands live in buffers owned by the product
 * (views on the WebAssembly instance's memory), so a caller fills `a` and `b`, calls `run()` and reads
 * `c`: no copies and no allocation per call.
 */
import { gemmNT } from './gemmNT.ts';
import { WASM_BASE64 } from './gemmNTWasm.generated.ts';

/** Which kernel computes the product: `wasm-simd` (gemmNT.wat, f64x2 lanes) or `js` (gemmNT.ts). */
export type ProductBackend = 'wasm-simd' | 'js';

interface GemmExports {
  memory: WebAssembly.Memory;
  gemmNT(a: number, b: number, c: number, rows: number, cols: number, k: number, ldc: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled SIMD kernel (once per process), or null where WebAssembly or its SIMD is missing. */
function simdKernel(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly === 'object' && typeof atob === 'function') {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
    if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** The backend a new `NtProduct` uses by default on this runtime. */
export function defaultProductBackend(): ProductBackend {
  return simdKernel() === null ? 'js' : 'wasm-simd';
}

const WASM_PAGE = 65536;
/** Offsets of the three operands rounded up to 16 bytes (one f64x2). */
const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * C (rows × cols) = A (rows × k) Bᵀ (B: cols × k), all row-major, C[i·cols + j] = Σ_p A[i·k + p] B[j·k + p].
 * On `wasm-simd` the sums are taken in two lanes (even and odd p) and then added, so results differ
 * from the JavaScript kernel's by round-off only.
 */
export class NtProduct {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly backend: ProductBackend;
  private readonly kernel: (() => void) | null = null;

  constructor(
    readonly rows: number,
    readonly cols: number,
    readonly k: number,
    backend: ProductBackend = defaultProductBackend(),
  ) {
    const module = backend === 'wasm-simd' ? simdKernel() : null;
    if (backend === 'wasm-simd' && module === null) throw new Error('WebAssembly SIMD is not available in this runtime');
    this.backend = backend;
    if (module === null) {
      this.a = new Float64Array(rows * k);
      this.b = new Float64Array(cols * k);
      this.c = new Float64Array(rows * cols);
      return;
    }
    const exports = new WebAssembly.Instance(module).exports as unknown as GemmExports;
    const aOffset = 0;
    const bOffset = align16(aOffset + 8 * rows * k);
    const cOffset = align16(bOffset + 8 * cols * k);
    const bytes = cOffset + 8 * rows * cols;
    const pages = Math.ceil(bytes / WASM_PAGE) - exports.memory.buffer.byteLength / WASM_PAGE;
    if (pages > 0) exports.memory.grow(pages);
    const buffer = exports.memory.buffer; // views are taken after the last grow, so they stay attached
    this.a = new Float64Array(buffer, aOffset, rows * k);
    this.b = new Float64Array(buffer, bOffset, cols * k);
    this.c = new Float64Array(buffer, cOffset, rows * cols);
    this.kernel = () => exports.gemmNT(aOffset, bOffset, cOffset, rows, cols, k, cols);
  }

  /** c = a bᵀ. */
  run(): void {
    if (this.kernel !== null) this.kernel();
    else gemmNT(this.a, this.b, this.c, this.rows, this.cols, this.k, this.cols);
  }
}
