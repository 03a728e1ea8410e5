/**
 * Activations of the simulator as tfjs element-wise functions, each with its derivative σ'.
 * Built-in names follow `src/integrals` (`erf` means erf(u/√2)). σ' is written by hand where it has a
 * short closed form; the others take σ' from `tf.grad` of σ (element-wise, so no matrix products are
 * involved and the hand-written gradient layout of the network is kept).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SpecError } from '../validate.ts';
import { registerGradients } from './gradients.ts';

export interface TfActivation {
  name: string;
  /** σ(u), element-wise. */
  f: (u: tf.Tensor) => tf.Tensor;
  /** σ'(u), element-wise. */
  df: (u: tf.Tensor) => tf.Tensor;
  /** True when σ' is a hand-written closed form (false: σ' comes from tf.grad of σ). */
  handDerivative: boolean;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT2 = Math.SQRT1_2;

interface Entry {
  f: (u: tf.Tensor) => tf.Tensor;
  df?: (u: tf.Tensor) => tf.Tensor;
}

const TABLE: Record<string, Entry> = {
  linear: { f: (u) => u, df: (u) => tf.onesLike(u) },
  quadratic: { f: (u) => tf.square(u), df: (u) => tf.mul(u, 2) },
  // σ(u) = erf(u/√2), σ'(u) = √(2/π) exp(−u²/2)
  erf: {
    f: (u) => tf.erf(tf.mul(u, INV_SQRT2)),
    df: (u) => tf.mul(tf.exp(tf.mul(tf.square(u), -0.5)), SQRT_2_OVER_PI)
  },
  // σ(u) = max(u, 0), σ'(u) = 1[u > 0]
  relu: { f: (u) => tf.relu(u), df: (u) => tf.step(u) },
  // σ(u) = tanh(u), σ'(u) = 1 − tanh²(u)
  tanh: {
    f: (u) => tf.tanh(u),
    df: (u) => tf.sub(1, tf.square(tf.tanh(u)))
  },
  // σ(u) = 1/(1 + e^−u); σ' from tf.grad
  sigmoid: { f: (u) => tf.sigmoid(u) },
};

/** Spellings accepted for each simulator activation (the ODE side accepts the same strings). */
const ALIASES: Record<string, string> = { 'tanh(x)': 'tanh', 'sigmoid(x)': 'sigmoid', x: 'linear', 'x^2': 'quadratic' };

/** Names the simulator accepts, for error messages. */
export const SIMULATOR_ACTIVATIONS = Object.keys(TABLE);

/** The tfjs activation for a spec string; throws `SpecError` at `path` for one the simulator lacks. */
export function tfActivation(spec: string, path: string): TfActivation {
  const name = ALIASES[spec.replace(/\s+/g, '')] ?? spec.trim();
  const entry = TABLE[name];
  if (entry === undefined) {
    throw new SpecError(path, spec, `an activation the simulator implements: ${SIMULATOR_ACTIVATIONS.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  if (!entry.df) registerGradients();
  const gradOfF = entry.df ? undefined : tf.grad((u: tf.Tensor) => entry.f(u));
  return {
    name,
    f: entry.f,
    df: entry.df ?? ((u) => gradOfF!(u)),
    handDerivative: entry.df !== undefined,
  };
}
