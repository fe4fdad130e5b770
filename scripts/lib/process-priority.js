// @ts-check
'use strict';
/**
 * CPU priority of a whole process tree on Linux: every thread of the process (Linux nice values
 * are per thread) and every process it started, found through /proc. On one machine this stands in
 * for docker-compose's `cpu_shares`: both are weights the kernel's scheduler only applies when the
 * CPUs are busy (nice 6 weighs about a quarter of nice 0, as cpu_shares 256 against 1024).
 */
const fs = require('fs');
const os = require('os');

/**
 * @param {number} pid
 * @param {number} niceness -20 (first) to 19 (last); lowering it again needs root
 * @param {{ children?: boolean }} [options] with `children: false`, this process's threads only
 * @returns {number} the threads changed
 */
const setTreePriority = (pid, niceness, { children: withChildren = true } = {}) => {
  let changed = 0;
  /** @type {string[]} */
  let threads = [];
  try {
    threads = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0; // gone, or not Linux
  }
  for (const thread of threads) {
    try {
      os.setPriority(Number(thread), niceness);
      changed += 1;
    } catch {
      // a thread that has just ended
    }
    if (!withChildren) continue;
    let children = '';
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8');
    } catch {
      // no such list (a kernel without CONFIG_PROC_CHILDREN): threads only
    }
    for (const child of children.split(/\s+/).filter(Boolean)) changed += setTreePriority(Number(child), niceness);
  }
  return changed;
};

module.exports = { setTreePriority };
