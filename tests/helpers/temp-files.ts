import fs from 'fs';
import os from 'os';

/**
 * Folders other test files make in the temporary directory for themselves (npm test runs two files
 * at once): never the app's, whatever a request does. Every folder the app makes is `pcms-upload-*`.
 */
const OTHER_TESTS = /^pcms-(backup|embedded|env|omegat|shared|test-pg|types|varnish)-/;

/**
 * What requests leave in the temporary directory. Entries there before `since()` was called are
 * ignored, and so are the folders other test files running alongside make for themselves; the app
 * runs in this process, so anything else new is its own. (Setting TMPDIR from a test does not reach
 * Node's os.tmpdir(): Jest gives tests their own copy of process.env.)
 */
export const tempFilesSince = () => {
  const before = new Set(fs.readdirSync(os.tmpdir()));
  return async () => {
    // Give any cleanup that does not block the answer a moment, as a client would.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return fs.readdirSync(os.tmpdir()).filter((name) => !before.has(name) && !OTHER_TESTS.test(name));
  };
};
