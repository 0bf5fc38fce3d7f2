// Guard-rails: workflow code stays deterministic (no Node built-ins, I/O libraries or activity values),
// no promise is left floating anywhere, the layers point one way
// (HTTP routes → services → (Temporal client | activities, activities/domain) → data), and only the
// configuration module reads process.env.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('node:module');

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

// activities/ and workflows/ never load server code. The Prisma client's types (generated under
// server/data/generated) and the logger's type are the only server names they may mention, type-only.
const noServer = [
  {
    regex: '(^|/)server(/(?!data/generated/|logger$)|$)',
    message: 'Activities and workflows never import the server: inject what they need from server/worker.ts.',
  },
  {
    regex: '(^|/)server/(data/generated/|logger$)',
    allowTypeImports: true,
    message: 'Only the types of the Prisma client and the logger may be imported here (import type).',
  },
];

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'server/data/generated/**',
      'server/console/dist/**',
      'test/artifacts/**',
      'data/**',
      '.tools/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
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
            {
              group: [
                '@prisma/*',
                '**/generated/*',
                'pg',
                '@electric-sql/*',
                'express',
                'pino',
                'pino-http',
                'bpmn-moddle',
                'zeebe-bpmn-moddle',
                'bpmnlint',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'No I/O libraries in workflow code: use an activity.',
            },
            ...noServer,
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Import activity types only (import type), and call them through proxyActivities.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: noServer }] },
  },
  {
    // Routes parse requests, check roles and call services; they reach neither the database nor Temporal.
    // Services are built once, in server/services/index.ts, and handed to the routers.
    files: ['server/routes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prisma/*', '**/data/generated/*', '**/data/*', '**/data'],
              message: 'Routes call services; services reach the database (server/data).',
            },
            {
              group: ['@temporalio/*'],
              message: 'Routes call services; services reach Temporal (built once in server/services/index.ts).',
            },
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
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in server/config.ts (one schema, documented in the README) and pass the value down.',
        },
      ],
    },
  },
);
