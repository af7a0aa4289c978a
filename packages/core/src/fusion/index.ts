export { digamma, digammaScalar, lgamma, lgammaScalar, trigamma, trigammaScalar } from './special-functions';
export { dirichletEntropy, dirichletKl, dirichletLogProb } from './dirichlet';
export { dirichletLogDensity, sampleDirichlet, sampleDirichletTensor, sampleLogGamma } from './dirichlet-sampler';
