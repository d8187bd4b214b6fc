// ESLint flat config. The layer rule below enforces ARCHITECTURE.md's import direction:
// core <- io <- store; core, io, store, solver <- cli, server, report; core <- web.
// A wrong import is a lint error, so it fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (name) => ({
  group: [`**/${name}/**`, `**/${name}`],
  message: `Layering (docs/architecture.md): this folder may not import from src/${name}.`,
});
const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'fs/*',
    'path',
    'os',
    'child_process',
    'worker_threads',
    'http',
    'https',
    'net',
    'crypto',
  ],
  message:
    'src/core is pure: no fs, network, clock or other Node built-ins. Pass what you need in.',
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/out/**',
      'web/dist/**',
      'test/browser/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      ...restrict(
        layer('io'),
        layer('store'),
        layer('solver'),
        layer('cli'),
        layer('server'),
        layer('report'),
        layer('web'),
        nodeBuiltins,
      ),
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'src/core is pure: pass a clock in.' },
        { name: 'process', message: 'src/core is pure: no process access.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG passed in.' },
      ],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: restrict(
      layer('store'),
      layer('solver'),
      layer('cli'),
      layer('server'),
      layer('report'),
      layer('web'),
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: restrict(layer('solver'), layer('cli'), layer('server'), layer('report'), layer('web')),
  },
  {
    files: ['src/solver/**/*.ts'],
    rules: restrict(
      layer('io'),
      layer('store'),
      layer('cli'),
      layer('server'),
      layer('report'),
      layer('web'),
    ),
  },
  {
    files: ['src/cli/**/*.ts', 'src/server/**/*.ts', 'src/report/**/*.ts'],
    rules: restrict(layer('web')),
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: restrict(layer('io'), layer('store'), layer('solver'), layer('cli'), layer('report')),
  },
);
