// @ts-check
'use strict';
/**
 * The storm's editor, in a process of its own (`npm run storm` forks it): its timings are then the
 * app's answer times, not those plus the load generator's own event loop, which runs autocannon's
 * thousands of requests a second in the storm's process.
 *
 * Every `interval` ms, a random document of a random type gets a new text, saved and published
 * through the Content Manager; then the document and a list holding it are read through the
 * readers' entrance, and an old text there is a stale answer. Sent one message with the options,
 * it answers one message with the stats and exits.
 */

/**
 * @typedef {{ uid: string, plural: string, field: string }} EditedType
 * @typedef {{ app: string, entrance: string, auth: Record<string, string>, documents: Array<{ type: EditedType, documentId: string }>, durationMs: number, interval: number }} EditorOptions
 * @typedef {{ publishes: number, refused: number, refusals: string[], stale: number, checks: number, save: number[], publish: number[] }} EditorStats
 */

/** @param {EditorOptions} options @returns {Promise<EditorStats>} */
const edit = async ({ app, entrance, auth, documents, durationMs, interval }) => {
  const until = Date.now() + durationMs;
  /** @type {EditorStats} */
  const stats = { publishes: 0, refused: 0, refusals: [], stale: 0, checks: 0, save: [], publish: [] };
  const json = { ...auth, 'content-type': 'application/json' };
  let round = 0;
  while (Date.now() < until) {
    const started = Date.now();
    const { type, documentId } = documents[Math.floor(Math.random() * documents.length)];
    const text = `Storm edit ${++round} at ${new Date().toISOString()}.`;
    const cm = `${app}/content-manager/collection-types/${type.uid}/${documentId}`;
    const reads = [`/api/${type.plural}/${documentId}?locale=en&fields[0]=${type.field}`, `/api/${type.plural}?locale=en&filters[documentId][$eq]=${documentId}&fields[0]=${type.field}`];
    try {
      // Cached before the change, so that a missed invalidation would show.
      for (const path of reads) await fetch(`${entrance}${path}`).then((response) => response.arrayBuffer());
      let t = performance.now();
      const saved = await fetch(`${cm}?locale=en`, { method: 'PUT', headers: json, body: JSON.stringify({ [type.field]: text }) });
      await saved.arrayBuffer();
      stats.save.push(performance.now() - t);
      t = performance.now();
      const published = await fetch(`${cm}/actions/publish?locale=en`, { method: 'POST', headers: json, body: '{}' });
      await published.arrayBuffer();
      stats.publish.push(performance.now() - t);
      if (!saved.ok || !published.ok) {
        stats.refused += 1;
        stats.refusals.push(`${type.plural}: save ${saved.status}, publish ${published.status}`);
      } else {
        stats.publishes += 1;
        for (const path of reads) {
          const body = /** @type {{ data: any }} */ (await (await fetch(`${entrance}${path}`)).json());
          const shown = Array.isArray(body.data) ? body.data[0]?.[type.field] : body.data?.[type.field];
          stats.checks += 1;
          if (shown !== text) stats.stale += 1;
        }
      }
    } catch (error) {
      // A request that did not get an answer at all (the connection closed): refused, and go on.
      stats.refused += 1;
      const cause = /** @type {{ cause?: { code?: string } }} */ (error).cause;
      stats.refusals.push(`${type.plural}: ${/** @type {Error} */ (error).message}${cause?.code ? ` (${cause.code})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, interval - (Date.now() - started))));
  }
  return stats;
};

if (require.main === module) {
  process.once('message', (/** @type {EditorOptions} */ options) => {
    edit(options).then(
      (stats) => process.send?.({ stats }, () => process.exit(0)),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

module.exports = { edit };
