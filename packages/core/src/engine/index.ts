export { installWasmKernelFixes, type WasmKernelFixOptions } from './install';
export type { KernelRegistry } from './kernel-registry';
export { startWasmWithThreads } from './wasm-threads';
