import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'client/src/gql/**',
      'data/**',
      'server/src/migrations/**/Migration*.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Prettier owns formatting; these stylistic Vue rules would fight it.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    // The demo is written by seeders that the running server never imports: only the start script loads them, on
    // demand (SEED_DEMO), and tests and scripts use them. The application code cannot reach them by accident.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/seeders/**', 'server/src/main.ts', 'server/src/scripts/**', '**/*.test.ts', '**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/seeders/*'], message: 'The running server does not import the demo seeders.' }] },
      ],
    },
  },
  {
    // Tests assert on loosely typed GraphQL responses.
    files: ['**/*.test.ts', '**/*.e2e.ts', '**/test/**/*.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
