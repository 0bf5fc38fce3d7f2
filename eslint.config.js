// Guard-rails: workflow code stays deterministic (no Node built-ins, I/O libraries or activity values),
// no promise is left floating anywhere, and only the configuration module reads process.env.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'server/data/generated/**', 'server/console/dist/**', 'test/artifacts/**', 'data/**', '.tools/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in the deterministic sandbox: no Node built-ins.' })),
          patterns: [
            { group: ['@prisma/*', '**/generated/*', 'pg', '@electric-sql/*', 'express', 'pino', 'pino-http', 'bpmn-moddle', 'zeebe-bpmn-moddle', 'bpmnlint', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'No I/O libraries in workflow code: use an activity.' },
            { group: ['**/server/**', '../server/*', '../../server/*'], message: 'Workflow code must not import the server.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activity types only (import type), and call them through proxyActivities.' },
          ],
        },
      ],
    },
  },
  {
    // One configuration schema: server/config.ts reads and checks every parameter and the entry point hands
    // the values down. The allow-list is that module alone; tests (outside these folders) set up their
    // environments, and the workflow sandbox has no process.env at all.
    files: ['activities/**/*.ts', 'server/**/*.ts', 'server/**/*.tsx', 'workflows/**/*.ts', 'definitions/**/*.ts'],
    ignores: ['server/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in server/config.ts (one schema, documented in the README) and pass the value down.' },
      ],
    },
  },
);
