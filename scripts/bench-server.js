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
    const { ensureSyntheticProjects } = require(path.join(distDir, 'src', 'seed', 'synthetic-projects.js'));
    const started = Date.now();
    const created = await ensureSyntheticProjects(strapi, scale);
    process.send?.({ type: 'log', message: `generated ${created} synthetic projects in ${((Date.now() - started) / 1000).toFixed(1)} s` });
  }
  await strapi.listen();
  process.send?.({ type: 'ready' });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
