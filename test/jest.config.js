// Jest runs TypeScript through SWC; ESM-only dependencies are transformed to CommonJS too.
const fs = require('node:fs');
const path = require('node:path');

// Jest's CommonJS runtime cannot require ES modules; transform every ESM-only dependency.
function esmOnlyPackages() {
  const root = path.resolve(__dirname, '../node_modules');
  const names = [];
  for (const entry of fs.readdirSync(root)) {
    const dirs = entry.startsWith('@') ? fs.readdirSync(path.join(root, entry)).map((n) => `${entry}/${n}`) : [entry];
    for (const name of dirs) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(root, name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(name.replace(/[.+]/g, '\$&'));
      } catch {}
    }
  }
  return names;
}
const esmPackages = esmOnlyPackages();
const common = {
  rootDir: require('node:path').resolve(__dirname, '..'),
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

// Projects that run against real Temporal: one dev server and one workflow bundle, set up once per run
// (the setup is idempotent, so several of these projects in one run share them). Unit tests need
// neither and start in seconds.
const withTemporal = {
  ...common,
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  rootDir: require('node:path').resolve(__dirname, '..'),
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...withTemporal,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/db/**/*.test.ts'],
    },
    { ...withTemporal, displayName: 'reliability', testMatch: ['<rootDir>/test/reliability/**/*.test.ts'] },
    { ...withTemporal, displayName: 'conformance', testMatch: ['<rootDir>/test/conformance/**/*.test.ts'] },
    { ...withTemporal, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
