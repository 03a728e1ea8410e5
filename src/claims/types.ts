/**
 * Claims: what a paper says, what popflow measured, and the verdict a stated rule gives. An
 * experiment writes a list of these to `claims.json`; the report and the README read them.
 */

/** Outcome of a rule. `not tested` means the experiment does not (or cannot) measure the claim. */
export type Verdict = 'supported' | 'not supported' | 'inconclusive' | 'not tested';
export const VERDICTS: readonly Verdict[] = ['supported', 'not supported', 'inconclusive', 'not tested'];

/** A measured number with a confidence interval [lo, hi] at `level` (0.95 unless said). */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
  level: number;
  /** How the interval was obtained, e.g. "bootstrap over 24 seeds (2000 resamples)". */
  method: string;
}

/** A rule's answer: the verdict and one sentence saying why, with the numbers. */
export interface RuleResult {
  verdict: Verdict;
  reason: string;
}

/** What the claim predicts and where the prediction comes from. */
export interface Prediction {
  /** A number or a law in words, e.g. "slope −1/2" or "ε_g ∝ t^−2". */
  text: string;
  /** The paper's section or figure, or a derivation in docs/. */
  source: string;
}

/** One claim as written to claims.json. */
export interface Claim {
  id: string;
  /** What the paper says, with its section or figure. */
  statement: string;
  /** The quantity measured. */
  observable: string;
  prediction: Prediction;
  /** Absent when the claim is not tested. */
  measured?: Estimate;
  /** The rule applied, with its parameters, as fixed before the run. */
  rule: string;
  verdict: Verdict;
  reason: string;
}
