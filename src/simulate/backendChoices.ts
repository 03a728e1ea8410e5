/** The simulator's backend names, apart from the backends themselves so that spec validation loads no tfjs. */
export const BACKEND_CHOICES = ['auto', 'js', 'wasm', 'cpu', 'tensorflow', 'webgpu', 'webgl'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
