/**
 * An ODE trajectory as a file a notebook loads directly: JSON (the result's fields plus `provenance`)
 * or long-form CSV, one row per output time, columns
 *   t, loss, loss_floor, Q_11, Q_12, …, Q_mm, R_11, …, R_mm*, a_1, …, a_m
 * (1-based indices, Q row-major), preceded by `# key: value` provenance and status lines.
 */
import type { OdeResult } from '../committee/run.ts';
import { provenanceComments, type Provenance } from './provenance.ts';

/** Column names of the long-form CSV for a student of width m and a teacher of width mStar. */
export function trajectoryColumns(m: number, mStar: number): string[] {
  const cols = ['t', 'loss', 'loss_floor'];
  for (let i = 1; i <= m; i++) for (let j = 1; j <= m; j++) cols.push(`Q_${i}${sep(m)}${j}`);
  for (let i = 1; i <= m; i++) for (let n = 1; n <= mStar; n++) cols.push(`R_${i}${sep(Math.max(m, mStar))}${n}`);
  for (let i = 1; i <= m; i++) cols.push(`a_${i}`);
  return cols;
}

/** Indices run together (Q_12) below 10, separated by an underscore from 10 on (Q_3_12). */
const sep = (n: number): string => (n >= 10 ? '_' : '');

/** The trajectory as long-form CSV with provenance comment lines; numbers at full precision. */
export function trajectoryCsv(result: OdeResult, provenance: Provenance): string {
  const m = result.a[0]?.length ?? result.Q[0]?.length ?? 0;
  const mStar = result.aStar.length;
  const status = { status: result.status, message: result.message, events: result.events, stats: result.stats };
  const lines = [provenanceComments({ ...provenance, ...status }) + trajectoryColumns(m, mStar).join(',')];
  result.t.forEach((t, k) => {
    const row: number[] = [t, result.loss[k], result.lossFloor[k]];
    for (const r of result.Q[k]) row.push(...r);
    for (const r of result.R[k]) row.push(...r);
    row.push(...result.a[k]);
    lines.push(row.map(String).join(','));
  });
  return lines.join('\n') + '\n';
}

/** The trajectory as JSON: the result's fields with a `provenance` field added. */
export function trajectoryJson(result: OdeResult, provenance: Provenance): string {
  return JSON.stringify({ ...result, provenance }) + '\n';
}
