/**
 * Compute backends of the simulator. `auto` picks wasm (SIMD; ~26 GFLOP/s on one core here against
 * ~0.9 for tfjs `cpu`) for tensor work, and the plain Float64Array path `js` for online SGD with small
 * mini-batches, where the per-step cost is a handful of tiny matrix-vector products and tfjs' per-op
 * overhead would dominate. `tensorflow` (@tensorflow/tfjs-node, an optional dependency), `webgpu` and
 * `webgl` are probed and reported unavailable with the reason when they cannot be used; the browser
 * backends count only where a page has loaded their tfjs package (the explorer does), and `auto`
 * prefers them there.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { SpecError } from '../validate.ts';

import { BACKEND_CHOICES, type BackendChoice, type BackendName } from './backendChoices.ts';

export { BACKEND_CHOICES, type BackendChoice, type BackendName } from './backendChoices.ts';

/** The backend a run used, as named in every output. */
export interface BackendInfo {
  name: BackendName;
  /** One line: what it is (precision, threads). */
  description: string;
}

/** A backend that cannot be used here: names the ones that can, and why this one cannot. */
export class BackendUnavailableError extends SpecError {
  constructor(choice: string, reason: string, available: string[]) {
    super('backend', choice, `an available backend (${available.join(', ')}); "${choice}" is unavailable: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

const DESCRIPTIONS: Record<BackendName, string> = {
  js: 'plain Float64Array loops (float64, one thread)',
  wasm: 'tfjs wasm (float32, SIMD, one thread)',
  cpu: 'tfjs cpu (float32, plain JavaScript kernels)',
  tensorflow: 'tfjs-node (float32, native libtensorflow)',
  webgpu: 'tfjs webgpu (float32)',
  webgl: 'tfjs webgl (float32 textures, WebGL2)',
};

const probes = new Map<BackendName, Promise<string | null>>();

/**
 * Why a backend cannot be used here, or null when it can. Probes once per process by importing and
 * initialising it (tfjs' active backend is restored afterwards).
 */
export function unavailableReason(name: BackendName): Promise<string | null> {
  let p = probes.get(name);
  if (p === undefined) {
    p = probe(name);
    probes.set(name, p);
  }
  return p;
}

async function probe(name: BackendName): Promise<string | null> {
  switch (name) {
    case 'js':
    case 'cpu':
      return null;
    case 'wasm':
      return (await initialises('wasm')) ? null : 'the wasm backend failed to initialise';
    case 'tensorflow':
      return (await importOptional('@tensorflow/tfjs-node'))
        ? null
        : 'package @tensorflow/tfjs-node is not installed (optional dependency with a native libtensorflow build)';
    case 'webgpu': {
      const hasGpu = typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== 'undefined';
      if (!hasGpu) return 'no WebGPU here (navigator.gpu is undefined)';
      if (!tf.findBackendFactory('webgpu') && !(await importOptional('@tensorflow/tfjs-backend-webgpu'))) {
        return 'package @tensorflow/tfjs-backend-webgpu is not installed';
      }
      return (await initialises('webgpu')) ? null : 'the webgpu backend failed to initialise (no GPU adapter)';
    }
    case 'webgl':
      if (!tf.findBackendFactory('webgl')) return 'only in a browser page that loads @tensorflow/tfjs-backend-webgl';
      return (await initialises('webgl')) ? null : 'the webgl backend failed to initialise (no WebGL here)';
  }
}

/** Whether tfjs can make `name` its backend; the active backend is restored afterwards. */
async function initialises(name: BackendName): Promise<boolean> {
  const previous = tf.getBackend() as string | undefined;
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch {
    ok = false;
  }
  if (previous && previous !== name) await tf.setBackend(previous);
  return ok;
}

async function importOptional(pkg: string): Promise<boolean> {
  try {
    await import(pkg);
    return true;
  } catch {
    return false;
  }
}

/** Backends usable here. */
export async function availableBackends(): Promise<BackendName[]> {
  const out: BackendName[] = [];
  for (const c of BACKEND_CHOICES) if (c !== 'auto' && (await unavailableReason(c)) === null) out.push(c);
  return out;
}

/**
 * Resolve a choice and make it tfjs' active backend (for `js`, tfjs is left as it is).
 * `tensorWork` says whether the run is dominated by large tensor products (full-batch GD, big
 * mini-batches); `auto` then takes the first available of tensorflow, webgpu, webgl, wasm, cpu, and `js`
 * otherwise.
 * Throws `BackendUnavailableError` for an unavailable choice.
 */
export async function useBackend(choice: BackendChoice, tensorWork: boolean): Promise<BackendInfo> {
  if (choice === 'auto') {
    if (!tensorWork) return { name: 'js', description: DESCRIPTIONS.js };
    for (const name of ['tensorflow', 'webgpu', 'webgl', 'wasm', 'cpu'] as const) {
      if ((await unavailableReason(name)) === null) return activate(name);
    }
  }
  const name = choice as BackendName;
  const reason = await unavailableReason(name);
  if (reason !== null) throw new BackendUnavailableError(name, reason, await availableBackends());
  return activate(name);
}

async function activate(name: BackendName): Promise<BackendInfo> {
  if (name !== 'js') {
    if (!(await tf.setBackend(name))) throw new BackendUnavailableError(name, 'tf.setBackend failed', await availableBackends());
    await tf.ready();
  }
  return { name, description: DESCRIPTIONS[name] };
}
