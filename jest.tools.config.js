/**
 * `npm run test:tools`: tests against programs installed from Debian's packages (OmegaT, Varnish), which
 * `npm test` cannot assume on a newcomer's machine; .ci/run installs them and runs these too.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/tests/tools'],
  testPathIgnorePatterns: base.testPathIgnorePatterns.filter((pattern) => !pattern.includes('tests/tools')),
};
