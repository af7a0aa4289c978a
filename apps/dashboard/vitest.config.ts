import { fileURLToPath } from 'node:url';

import { testConfig } from '@tradeoff/vitest-config';

export default testConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
});
