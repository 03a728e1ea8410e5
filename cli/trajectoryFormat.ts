/** The output formats of `popflow ode`. */
import type { OdeResult } from '../src/committee/index.ts';
import type { Provenance } from '../src/io/provenance.ts';
import { trajectoryCsv, trajectoryJson } from '../src/io/trajectory.ts';

export const TRAJECTORY_FORMATS = ['json', 'csv'] as const;
export type TrajectoryFormat = (typeof TRAJECTORY_FORMATS)[number];

/** A trajectory in `format`, provenance included. */
export function formatTrajectory(format: TrajectoryFormat, result: OdeResult, provenance: Provenance): string {
  return format === 'csv' ? trajectoryCsv(result, provenance) : trajectoryJson(result, provenance);
}
