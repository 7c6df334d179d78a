// Boundaries are lint rules: core/ stays pure, ui/ takes props, the polyfill is imported once.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'node_modules/**', 'artifacts/**', 'test-results/**', '**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.serviceworker },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**'],
    ignores: ['src/shared/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', message: 'Import from shared/platform/browser.' }] }],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['webextension-polyfill', 'preact', 'preact/*', '**/shared/**', '**/background/**', '**/popup/**', '**/content/**', '**/ui/**', '**/options/**'],
          message: 'core/ is pure: inject it.',
        }],
      }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document', 'localStorage', 'navigator', 'location'],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['webextension-polyfill', '**/shared/platform/**', '**/shared/messaging/**', '**/background/**'], message: 'ui/ takes props.' }],
      }],
    },
  },
  {
    files: ['src/background/**'],
    rules: { 'no-restricted-globals': ['error', { name: 'window', message: 'No window in a service worker.' }, { name: 'document', message: 'No document in a service worker.' }] },
  },
)
