export { type CemOptions, fitCem } from './cem';
export { type ContextScaler, fitContextScaler, scaledContext } from './context-scaler';
export { SmallMlp } from './mlp';
export { fitScalarizedPpo, type ScalarizedPpoOptions } from './scalarized-ppo';
export { fitStaticGrid, type StaticGridOptions, type StaticGridPolicy } from './static-grid';
export * from './deepprl';
export * from './grade';
