// ESLint (flat config): @eslint/js recommended and typescript-eslint strict, type-aware, over
// src, test, bench and scripts; eslint-config-prettier last, so formatting is Prettier's alone.
// `npm run lint` runs it and `npm test` runs that. A rule differs from the presets only where a
// comment beside it says why.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      'public/',
      'test-results/',
      'data/',
      '.medborger-test-*/',
      'scratch/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.json covers src, test, bench and scripts; the JavaScript files are linted without types (below).
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans read as themselves in a message; any, objects, null and undefined
      // still may not be interpolated.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // A parameter or binding named _x is unused on purpose (a callback's fixed signature, a
      // destructured field left out of a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test() and describe() return a promise the runner itself awaits; not awaiting
      // them at the top level is their documented use. A subtest (t.test) must still be awaited.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    // Under noUncheckedIndexedAccess every a[i] is `T | undefined`. The placement engine indexes
    // typed arrays and CSR offsets in its hot loops, where the index is in range by construction;
    // a check per read would cost time and turn an indexing bug into a silent 0. The tests and
    // benchmarks assert on the rows and results they just made. Elsewhere in src, `!` is an error.
    files: ['src/placement/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Plain JavaScript: no types to check against.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', module: 'writable', require: 'readonly' },
    },
  },
  prettier,
);
