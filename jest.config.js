/** @type {import('jest').Config} */
module.exports = {
  // onnxruntime-node checks typed arrays with instanceof; jest's per-file realm breaks that (see the file).
  testEnvironment: '<rootDir>/test/helpers/onnx-environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 120000,
};
