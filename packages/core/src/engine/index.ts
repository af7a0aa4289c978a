export { installWasmKernelFixes, type WasmKernelFixOptions } from './install';
export type { KernelRegistry } from './kernel-registry';
