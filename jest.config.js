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
  // npm test runs two files at a time (--maxWorkers=2: 337 s for the suite, against 826 s one at a
  // time), each in a worker process that is replaced once it holds more than this after a file: in
  // one long-lived process every file's Strapi left memory behind (about 130 MB each), and the later
  // files ran up to 2.5 times slower than alone (1,049 s in one process).
  workerIdleMemoryLimit: '1GB',
};
