// ESLint flat config. Besides style, it enforces the module boundaries of docs/conventions.md:
// no app imports another app, no deep imports into a lib, and libs/contracts imports no framework.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const apps = ['police', 'ministry', 'immigration', 'console'];

const noDeepLibImports = {
  group: [
    '@simpul/*/*',
    '!@simpul/*/testing',
    '!@simpul/bus/operator',
    '!@simpul/bus/dev',
    '**/libs/*/src/**',
    '../../libs/**',
  ],
  message:
    'Import a lib through its entry point (@simpul/<lib>, @simpul/<lib>/testing, @simpul/bus/operator or @simpul/bus/dev).',
};

// Domain errors are not HTTP errors (docs/adr/0004-http-bodies-through-the-contract.md): services
// throw coded DomainErrors (`<context>.errors.ts`) and the exception filter picks the status; only
// controllers speak HTTP. Every app and every lib but libs/http is covered: libs/http is the HTTP
// edge itself (the exception filter, the guards and the bootstrap build HTTP answers).
const httpOnlyInControllers = {
  files: ['apps/*/**/*.ts', 'libs/*/**/*.ts'],
  ignores: ['libs/http/**', '**/*.controller.ts', '**/testing/**', '**/*.spec.ts', '**/*.int-spec.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: 'ImportSpecifier[imported.name=/^(ApiException|HttpException)$/]',
        message:
          'Only controllers (*.controller.ts) answer HTTP: throw a DomainError from <context>.errors.ts instead.',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', '.simpul/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...apps.map((app) => ({
    files: [`apps/${app}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: apps
                .filter((a) => a !== app)
                .flatMap((a) => [`**/apps/${a}/**`, `../${a}/**`, `../../${a}/**`]),
              message: 'Apps never import each other: they meet only through @simpul/contracts events.',
            },
            noDeepLibImports,
          ],
        },
      ],
    },
  })),
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                '@nats-io/*',
                'nats',
                'pg',
                '@simpul/bus',
                '@simpul/screening',
                '@simpul/cli',
                '**/apps/**',
              ],
              message: 'libs/contracts depends on no framework (no Nest, TypeORM or NATS) and no other lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/{bus,screening,cli,http,privacy,audit,trust}/**/*.ts', 'test/**/*.ts', 'deploy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'Libs and tests never import an app.' },
            noDeepLibImports,
          ],
        },
      ],
    },
  },
  httpOnlyInControllers,
  // The console's pages run in a browser.
  { files: ['apps/console/web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
);
