import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.serverless/**', '.esbuild/**', 'coverage/**', 'lib/domain/policy/catalog/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS build scripts (serverless-esbuild loads its plugins with require()).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain is pure: no AWS SDK, no file system, no network (docs/architecture.md "Layers").
    files: ['lib/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*', '@smithy/*'], message: 'lib/domain is pure: SDK calls belong in lib/adapters.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:https', 'node:net'], message: 'lib/domain is pure: I/O belongs in lib/adapters.' },
          { group: ['**/adapters/**', '**/app/**'], message: 'lib/domain must not depend on outer layers.' },
        ],
      }],
    },
  },
  {
    // serverless.yml variable resolvers: osls loads them with require(), so they are CommonJS.
    files: ['scripts/serverless/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
