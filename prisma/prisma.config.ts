import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate`; migrations are applied by server/data/migrate.ts.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
