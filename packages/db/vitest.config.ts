import { testConfig } from '@tradeoff/vitest-config';

export default testConfig();
