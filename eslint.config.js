// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/** Each I/O library is imported in exactly one adapter file (see ../shared/STYLE.md). */
const ADAPTERS = {
  sharp: 'src/image/sharp-image.ts',
  exifr: 'src/metadata/read-photo-meta.ts',
  'onnxruntime-node': 'src/inference/onnx-session.ts',
  'better-sqlite3': 'src/store/open-database.ts',
};
const restricted = (except) =>
  Object.entries(ADAPTERS)
    .filter(([, file]) => file !== except)
    .map(([name, file]) => ({ name, message: `import ${name} only in ${file}` }));

module.exports = tseslint.config(
  { ignores: ['dist/**', '.bench/**', 'node_modules/**', 'coverage/**', 'models/training/**', 'models/**/*.py', 'eslint.config.js', 'jest.config.js', 'bin/**', 'bench/**/*.js', 'scripts/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: restricted(null) }],
    },
  },
  ...Object.values(ADAPTERS).map((file) => ({ files: [file], rules: { 'no-restricted-imports': ['error', { paths: restricted(file) }] } })),
  {
    files: ['src/{metadata,geo,tiling,inference,detections,hotspots,report,matching,ingest,evaluation}/**/*.ts'],
    ignores: Object.values(ADAPTERS),
    rules: {
      'no-restricted-imports': ['error', { paths: restricted(null), patterns: [{ group: ['node:fs', 'fs', 'node:fs/*', 'fs/*', 'node:child_process', 'child_process'], message: 'pure core: no I/O here; take plain values' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'pure core: configuration comes in as parameters' }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
