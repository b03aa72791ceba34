// ESLint 9 flat config: typed typescript-eslint rules for src (TS/TSX), plain rules for the Node tooling files,
// and eslint-config-prettier last so formatting is left to Prettier (`prettier --check .` runs after eslint).
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

const TS_FILES = [
  'src/**/*.{ts,tsx}',
  'scripts/**/*.ts',
  'sandbox/**/*.{ts,tsx}',
  'bench/**/*.{ts,tsx}',
  'tests/**/*.{ts,tsx}',
];
// TypeScript that runs in Node (servers, CLIs, benchmarks, browser-test drivers) rather than in the agent's browser.
const NODE_TS_FILES = [
  'scripts/**/*.ts',
  'sandbox/server/**/*.ts',
  'sandbox/build/**/*.ts',
  'bench/**/*.{ts,tsx}',
  'tests/**/*.ts',
];
const TEST_FILES = [
  '**/*.test.{ts,tsx}',
  'src/**/*.test.{ts,tsx}',
  'src/**/__tests__/**/*.{ts,tsx}',
  'src/setupTests.ts',
  'tests/**/*.{ts,tsx}',
];

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'build/', 'coverage/', 'test-results/', '.cache/'] },

  // Everything: ESLint's recommended core rules.
  js.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Node tooling: scripts/, *.config.js, jest/webpack customizers (CommonJS).
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: { ...globals.node } },
    rules: { 'no-unused-vars': ['error', { args: 'none' }] },
  },

  // Browser script loaded by the local Flex shell: it only declares the global `appConfig`.
  {
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-unused-vars': ['error', { varsIgnorePattern: '^appConfig$' }] },
  },

  // Plugin source (and its tests): type-aware rules through the TypeScript project service.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: TS_FILES,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: true },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['warn', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: NODE_TS_FILES,
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Jest idioms: `expect(obj.method).toHaveBeenCalled()` passes unbound methods on purpose.
    files: TEST_FILES,
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },

  prettier,
);
