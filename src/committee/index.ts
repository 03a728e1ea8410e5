/** The committee machine (two-layer teacher-student network): spec, risk, ODEs and observables. */
export { normaliseCommitteeSpec, parseCommitteeSpec, outputTimes, type CommitteeSpec } from './spec.ts';
export { runOde, buildCommitteeProblem, type FinalState, type OdeResult, type RunHooks, type RunStatus } from './run.ts';
export { CommitteeRisk } from './risk.ts';
export { CommitteeLayout, type Overlaps } from './state.ts';
export { orthonormalRows, randomOverlaps } from './init.ts';
export { INITIAL_OVERLAPS_FORMAT, parseInitialOverlaps, readInitialOverlaps, writeInitialOverlaps, type InitialOverlaps } from './overlapsFile.ts';
export { normalisedOverlaps, resolvedCurve, teacherCoverage } from './observables.ts';
export { plateauIntervals, type EventOptions } from './events.ts';
export { cosineForReluCorrelation, reluActivationCorrelation } from './reluCorrelation.ts';
export { erfSymmetricFixedPoint } from './symmetricFixedPoint.ts';
export { TiedFlow, runTiedFlow, tiedStudentsNearTeacher, type TiedModel, type TiedResult, type TiedRun } from './tied.ts';
export { optimumDistance } from './optimumDistance.ts';
