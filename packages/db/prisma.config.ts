import { defineConfig } from 'prisma/config';

// `prisma generate` needs no database; the URL is only read by commands that connect, so an
// unset DATABASE_URL must not throw here.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
