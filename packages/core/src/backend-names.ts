/** Backends in order of preference. `node-gpu` and `node` are the optional native bindings. */
export const BACKEND_NAMES = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
