// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);
const noNodeBuiltins = (message) => nodeBuiltins.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'no-console': 'off',
    },
  },
  {
    // Domain code is bundled into workflows too.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNodeBuiltins('Workflow code must be deterministic: no Node built-ins.'),
            { name: 'nodemailer', message: 'Send mail from an activity, never from a workflow.' },
            {
              name: '@temporalio/client',
              message: 'Workflows talk to Temporal through @temporalio/workflow.',
            },
            { name: '@temporalio/activity', message: 'Import activity types only, through proxyActivities.' },
          ],
          patterns: [
            {
              group: ['../activities/*', '!../activities/types'],
              message: 'Import activity types only (import type).',
              allowTypeImports: true,
            },
            {
              group: ['../config/*', '../api/*', '../worker/*', '../dev/*'],
              message: 'Workflows may import domain code only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Presentation is shared by the API and the mail activities: pure wording and markup, no I/O.
    files: ['presentation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNodeBuiltins('Presentation code is pure: no Node built-ins.'),
            { name: 'express', message: 'Presentation code is pure: routes live in api/.' },
            { name: 'nodemailer', message: 'Presentation code is pure: sending lives in activities/.' },
          ],
          patterns: [
            { group: ['@temporalio/*'], message: 'Presentation code is pure: no Temporal.' },
            {
              group: [
                '../api/*',
                '../activities/*',
                '../workflows/*',
                '../worker/*',
                '../config/*',
                '../dev/*',
              ],
              message: 'Presentation code may import domain code only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON answers (supertest's `body` is `any`) and assert on them.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
