// Prisma 7 configuration. Tessera applies migrations itself at start-up with Prisma's WebAssembly schema engine
// (lib/store/migrate.ts), so the CLI is only used offline for `generate`.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
