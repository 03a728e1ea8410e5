/**
 * The committee with output weights tied to the first-layer norms (Zhou, Ge & Jin 2021): the student
 * is Σ_j ‖w_j‖ σ(w_j·x) in the natural scaling, i.e. with u_j = W_j·x/√d and Q = WWᵀ/d,
 *
 *   f(x) = Σ_j a_j σ(u_j),   a_j = √Q_jj,
 *
 * so the second layer is not a free parameter: the risk is ε_g(Q, R, a(Q)). Gradient flow in the
 * first layer (dW/dt = −d ∇_W ε_g, as for the untied flow) then has the same (Q, R) equations with
 * G = ∂ε_g/∂Q replaced by the total derivative through a_j (chain rule, ∂a_j/∂Q_jj = 1/(2√Q_jj)):
 *
 *   G̃_jl = G_jl + δ_jl (∂ε_g/∂a_j) / (2√Q_jj),
 *   dQ/dt = −(2G̃Q + HRᵀ) − (2QG̃ + RHᵀ),   dR/dt = −(2G̃R + HT).
 *
 * With w_j = W_j/√d (the paper's weights), t is the paper's gradient-flow time (dw/dt = −∇_w ε_g) and
 * ‖∇_w ε_g‖² = tr(UUᵀ)/d for U = 2G̃W + HW*, i.e. Σ_jl P_jl 2G̃_lj + Σ_jk S_jk H_jk with
 * P = UWᵀ/d and S = UW*ᵀ/d (so that dε_g/dt = −‖∇_w ε_g‖²).
 */
import { solve } from '../../solvers/index.ts';
import type { MethodName, Rhs, SolveStats, SolveStatus } from '../../solvers/types.ts';
import { pairIntegral, parseActivation } from '../integrals/index.ts';
import { Rng } from '../random.ts';
import { VelocityOverlaps } from './flow.ts';
import { orthonormalRows } from './init.ts';
import { CommitteeRisk } from './risk.ts';
import { CommitteeLayout } from './state.ts';

/** A tied committee: activations, the teacher's output weights a* and its overlaps T. */
export interface TiedModel {
  activation: string;
  teacherActivation: string;
  aStar: number[];
  T: number[][];
}

/** The tied flow of an m-unit student: its risk, its state layout (Q then R; no free a) and work arrays. */
export class TiedFlow {
  readonly layout: CommitteeLayout;
  readonly risk: CommitteeRisk;
  private readonly a: Float64Array;
  private readonly gA: Float64Array;
  private readonly G: Float64Array;
  private readonly H: Float64Array;
  private readonly P: Float64Array;
  private readonly S: Float64Array;
  private readonly velocity: VelocityOverlaps;

  constructor(model: TiedModel, readonly m: number) {
    const sigma = parseActivation(model.activation, 'model.activation');
    const sigmaStar = parseActivation(model.teacherActivation, 'model.teacherActivation');
    const mStar = model.aStar.length;
    this.layout = new CommitteeLayout(m, mStar, false);
    this.risk = new CommitteeRisk(
      this.layout,
      {
        studentStudent: pairIntegral(sigma, sigma),
        studentTeacher: pairIntegral(sigma, sigmaStar),
        teacherTeacher: pairIntegral(sigmaStar, sigmaStar),
      },
      Float64Array.from(model.T.flat()),
      Float64Array.from(model.aStar),
    );
    this.a = new Float64Array(m);
    this.gA = new Float64Array(m);
    this.G = new Float64Array(m * m);
    this.H = new Float64Array(m * mStar);
    this.P = new Float64Array(m * m);
    this.velocity = new VelocityOverlaps(this.layout, this.risk.T);
    this.S = new Float64Array(m * mStar);
  }

  /** The tied output weights a_j = √Q_jj of state y. */
  outputWeights(y: Float64Array): Float64Array {
    const { m, a } = this;
    for (let j = 0; j < m; j++) a[j] = Math.sqrt(Math.max(y[j * m + j], 0));
    return a;
  }

  /** ε_g at y, with the rounding floor of the sum (see CommitteeRisk.loss). */
  loss(y: Float64Array): { value: number; floor: number } {
    return this.risk.loss(y, this.outputWeights(y));
  }

  /**
   * ε_g and its total gradient at y: G̃ (m×m) and H (m×m*) in the work arrays, and the velocity
   * overlaps P = 2G̃Q + HRᵀ, S = 2G̃R + HT (module comment).
   */
  private evaluate(y: Float64Array): number {
    const { m, a, gA, G, H, P, S } = this;
    const value = this.risk.valueGrad(y, this.outputWeights(y), G, H, gA);
    for (let j = 0; j < m; j++) if (a[j] > 0) G[j * m + j] += gA[j] / (2 * a[j]);
    this.velocity.compute(y, G, H, P, S);
    return value;
  }

  /** Right-hand side of the tied (Q, R) gradient flow (module comment). */
  rhs(): Rhs {
    const { m, P, S } = this;
    const { mStar, rOffset: ro } = this.layout;
    return (_t, y, dy) => {
      this.evaluate(y);
      for (let j = 0; j < m; j++) {
        for (let l = 0; l < m; l++) dy[j * m + l] = -(P[j * m + l] + P[l * m + j]);
        for (let k = 0; k < mStar; k++) dy[ro + j * mStar + k] = -S[j * mStar + k];
      }
    };
  }

  /**
   * How far ε_g can move when each state entry is off by the integrator's tolerance, atol + rtol·|y_i|:
   * Σ_i |∂ε_g/∂y_i| (atol + rtol·|y_i|), the total derivatives G̃ and H.
   */
  toleranceEffect(y: Float64Array, rtol: number, atol: number): number {
    const { G, H } = this;
    const { rOffset: ro } = this.layout;
    this.evaluate(y);
    let s = 0;
    for (let i = 0; i < G.length; i++) s += Math.abs(G[i]) * (atol + rtol * Math.abs(y[i]));
    for (let i = 0; i < H.length; i++) s += Math.abs(H[i]) * (atol + rtol * Math.abs(y[ro + i]));
    return s;
  }

  /** ‖∇_w ε_g‖ in the paper's weights w_j = W_j/√d: √(Σ_jl P_jl 2G̃_lj + Σ_jk S_jk H_jk). */
  gradNorm(y: Float64Array): number {
    const { m, G, H, P, S } = this;
    this.evaluate(y);
    let s = 0;
    for (let j = 0; j < m; j++) for (let l = 0; l < m; l++) s += 2 * P[j * m + l] * G[l * m + j];
    for (let i = 0; i < S.length; i++) s += S[i] * H[i];
    return Math.sqrt(Math.max(s, 0));
  }
}

/** Output of {@link runTiedFlow}: observables at the output times (plain arrays). */
export interface TiedResult {
  t: number[];
  loss: number[];
  /** Rounding floor of ε_g plus the integrator's tolerance times |∂ε_g/∂y|: values below it are not resolved. */
  lossFloor: number[];
  /** ‖∇_w ε_g‖ (module comment). */
  gradNorm: number[];
  Q: number[][][];
  R: number[][][];
  status: SolveStatus;
  message: string;
  stats: SolveStats;
}

/** What {@link runTiedFlow} integrates: a model, the initial overlaps and the solver settings. */
export interface TiedRun {
  model: TiedModel;
  Q: number[][];
  R: number[][];
  /** Output times, increasing, the first being the start. */
  times: number[];
  method?: MethodName;
  rtol?: number;
  atol?: number;
  maxSteps?: number;
}

/** Integrate the tied (Q, R) gradient flow from (Q, R) and return ε_g, ‖∇ε_g‖ and the overlaps at `times`. */
export function runTiedFlow(run: TiedRun): TiedResult {
  const { model, Q, R, times, method = 'dopri5', rtol = 1e-10, atol = 1e-12, maxSteps = 1e6 } = run;
  const flow = new TiedFlow(model, Q.length);
  const { layout } = flow;
  const y0 = layout.pack(Q, R, []);
  const sol = solve({ rhs: flow.rhs(), y0, tspan: [times[0], times[times.length - 1]] }, { method, rtol, atol, maxSteps, tEval: times });
  const loss: number[] = [];
  const lossFloor: number[] = [];
  const gradNorm: number[] = [];
  for (const y of sol.y) {
    const l = flow.loss(y);
    loss.push(l.value);
    lossFloor.push(l.floor + flow.toleranceEffect(y, rtol, atol));
    gradNorm.push(flow.gradNorm(y));
  }
  return {
    t: sol.t.slice(),
    loss,
    lossFloor,
    gradNorm,
    Q: sol.y.map((y) => layout.Q(y)),
    R: sol.y.map((y) => layout.R(y)),
    status: sol.status,
    message: sol.message,
    stats: sol.stats,
  };
}

/**
 * Students near an orthonormal teacher, realised at input dimension d: teacher rows orthonormal·√d
 * (T = I); student j sits on teacher unit k = j mod m* with the squared norms of the students on one
 * teacher unit splitting 1 in random positive shares (so that Σ_j ‖w_j‖² ŵ_j = w*_k, the loss is 0
 * before the perturbation), plus `perturbation`·N(0, I) per weight entry (so ‖ΔW_j‖²/d ≈ perturbation²).
 * Returns Q = WWᵀ/d, R = WW*ᵀ/d, T.
 */
export function tiedStudentsNearTeacher(m: number, mStar: number, d: number, perturbation: number, seed: number): { Q: number[][]; R: number[][]; T: number[][] } {
  if (m < mStar) throw new RangeError(`tiedStudentsNearTeacher: m = ${m} < m* = ${mStar}`);
  const rng = new Rng(seed);
  const teacher = orthonormalRows(mStar, d, rng).map((w) => w.map((x) => x * Math.sqrt(d)));
  const shares = Array.from({ length: m }, () => 0.5 + rng.uniform());
  const total = new Array<number>(mStar).fill(0);
  shares.forEach((s, j) => (total[j % mStar] += s));
  const W = shares.map((s, j) => {
    const w = teacher[j % mStar].map((x) => x * Math.sqrt(s / total[j % mStar]));
    for (let i = 0; i < d; i++) w[i] += perturbation * rng.normal();
    return w;
  });
  const gram = (A: Float64Array[], B: Float64Array[]): number[][] =>
    A.map((u) => B.map((v) => u.reduce((acc, x, i) => acc + x * v[i], 0) / d));
  return { Q: gram(W, W), R: gram(W, teacher), T: gram(teacher, teacher) };
}
