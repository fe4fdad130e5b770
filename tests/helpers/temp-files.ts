import fs from 'fs';
import os from 'os';

/**
 * What requests leave in the temporary directory. Entries there before `since()` was called are
 * ignored; the tests run in band and the app runs in this process, so anything new is theirs.
 * (Setting TMPDIR from a test does not reach Node's os.tmpdir(): Jest gives tests their own
 * copy of process.env.)
 */
export const tempFilesSince = () => {
  const before = new Set(fs.readdirSync(os.tmpdir()));
  return async () => {
    // Give any cleanup that does not block the answer a moment, as a client would.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return fs.readdirSync(os.tmpdir()).filter((name) => !before.has(name));
  };
};
