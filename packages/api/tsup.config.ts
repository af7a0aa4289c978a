import { publishedPackage } from '@tradeoff/tsup-config';

// Only the client-only entry is published: the server (routers, Prisma) stays in the workspace.
export default publishedPackage({ client: 'src/client-entry.ts' });
