// Generates the Prisma client (lib/store/generated) without any network access.
// The Prisma 7 CLI insists on fetching a native schema engine even for `generate`, which never uses it; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any executable (node itself) skips that download.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
});
process.exit(result.status ?? 1);
