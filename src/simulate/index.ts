/** Finite-d simulations of the committee machine (tfjs or float64) and their comparison with the ODEs. */
export { normaliseSimulationSpec, parseSimulationSpec, type SimulationSpec } from './spec.ts';
export { simulate, type SimulationResult, type SimulationRun, type SimulateOptions } from './run.ts';
export { readInitialOverlaps, writeInitialOverlaps, INITIAL_OVERLAPS_FORMAT, type InitialOverlaps } from '../committee/overlapsFile.ts';
export { BACKEND_CHOICES, BackendUnavailableError, availableBackends, unavailableReason, type BackendChoice, type BackendInfo } from './backend.ts';
export { compareOdeAndSimulation, DEFAULT_TOLERANCE_CONSTANT, type Comparison, type CompareOptions, type DeviationRow } from './compare.ts';
