/** The committee machine (two-layer teacher-student network): spec, risk, ODEs and observables. */
export { normaliseCommitteeSpec, parseCommitteeSpec, outputTimes, type CommitteeSpec } from './spec.ts';
export { runOde, buildCommitteeProblem, type FinalState, type OdeResult, type RunStatus } from './run.ts';
export { CommitteeRisk } from './risk.ts';
export { CommitteeLayout, type Overlaps } from './state.ts';
export { orthonormalRows, randomOverlaps } from './init.ts';
export { INITIAL_OVERLAPS_FORMAT, parseInitialOverlaps, type InitialOverlaps } from './overlapsFile.ts';
export { readInitialOverlaps, writeInitialOverlaps } from '../io/initialOverlapsFile.ts';
export { normalisedOverlaps, resolvedCurve, teacherCoverage } from './observables.ts';
export { plateauIntervals, type EventOptions } from './events.ts';
