/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Anchored: an unanchored `.tmp` would also skip any path containing "tmp".
  testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/dist/', '<rootDir>/\\.tmp/', '<rootDir>/tests/e2e/', '<rootDir>/tests/tools/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/\\.tmp/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }] },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  testTimeout: 60000,
  // With --maxWorkers=1 (npm test) the files run one at a time in a worker process, which is
  // replaced once it holds more than this after a file: in one long-lived process every file's
  // Strapi left memory behind (about 130 MB each), and the later files ran up to 2.5 times slower
  // than alone; the whole run took 1,049 s in one process and 826 s with a 1.5 GB limit.
  workerIdleMemoryLimit: '1GB',
};
