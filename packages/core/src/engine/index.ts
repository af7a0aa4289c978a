export { installWasmKernelFixes, type WasmKernelFixOptions } from './install';
export type { KernelRegistry } from './kernel-registry';
export { hasNativeKernels } from './native-addon';
export { startWasmWithThreads } from './wasm-threads';
