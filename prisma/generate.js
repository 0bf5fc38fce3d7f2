#!/usr/bin/env node
// `prisma generate` without network: Prisma 7's client needs no engine, but the CLI still looks for
// its schema engine. Pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing file satisfies that check.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || __filename,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate', '--config', path.join(__dirname, 'prisma.config.ts')], {
  env,
  stdio: 'inherit',
  cwd: path.join(__dirname, '..'),
});
process.exit(result.status ?? 1);
