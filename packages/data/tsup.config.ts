import { publishedPackage } from '@tradeoff/tsup-config';

export default publishedPackage({ index: 'src/index.ts' });
