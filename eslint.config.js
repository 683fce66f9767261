import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', 'dist/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Workflow code must stay deterministic: no I/O libraries, no Node builtins. The starter and
    // the client run in the API and the worker's process, not in the workflow.
    files: ['workflows/**/*.ts', 'lifecycles/**/*.ts'],
    ignores: [
      'workflows/ticket-workflow.starter.ts',
      'workflows/ticket-workflow.client.ts',
      'lifecycles/*.repository.ts',
      'lifecycles/*.service.ts',
      'lifecycles/shipped-lifecycles.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'child_process'], message: 'Workflow code may not use Node builtins.' },
            {
              group: ['sequelize', 'mariadb', 'express', '@clickhouse/*', 'pino', '@temporalio/client', '@temporalio/worker'],
              message: 'Workflow code does no I/O: use an activity.',
            },
            {
              group: ['**/db/*', '**/api/*', '**/analytics/*', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflow code imports only pure modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers whose shape they assert.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['web/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: Object.fromEntries(
        ['document', 'window', 'fetch', 'location', 'sessionStorage', 'FormData', 'Option', 'console'].map((name) => [name, 'readonly']),
      ),
    },
  },
);
