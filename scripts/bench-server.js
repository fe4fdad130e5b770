'use strict';
/**
 * One app instance for `npm run bench`, started by scripts/bench.js with its environment.
 * Tells the parent "ready" once it listens (after adding BENCH_SCALE synthetic projects).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');

(async () => {
  const strapi = await createStrapi({ appDir, distDir }).load();
  const scale = Number(process.env.BENCH_SCALE || 0);
  if (scale > 0) {
    const { insertSyntheticProjects } = require(path.join(distDir, 'src', 'seed', 'bulk-projects.js'));
    const started = Date.now();
    const created = await insertSyntheticProjects(strapi, scale);
    const seconds = (Date.now() - started) / 1000;
    process.send?.({ type: 'generated', count: created, seconds });
    process.send?.({ type: 'log', message: `generated ${created} synthetic projects in five locales in ${seconds.toFixed(1)} s` });
  }
  // An admin for the benchmark's calls to the admin-only translation routes.
  if (process.env.BENCH_ADMIN_EMAIL && (await strapi.db.query('admin::user').count()) === 0) {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      email: process.env.BENCH_ADMIN_EMAIL,
      firstname: 'Bench',
      lastname: 'Admin',
      password: process.env.BENCH_ADMIN_PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
  }
  await strapi.listen();
  // `npm run soak` measures memory after a full collection (the child runs with --expose-gc), so
  // that garbage V8 has not yet collected is not mistaken for a leak.
  process.on('message', (message) => {
    if (message?.type !== 'gc') return;
    global.gc?.();
    process.send?.({ type: 'gc-done', collected: typeof global.gc === 'function', memory: process.memoryUsage() });
  });
  process.send?.({ type: 'ready' });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
