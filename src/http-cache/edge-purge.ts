/**
 * Purging an edge cache (Varnish, Fastly, Cloudflare) by cache tag once a change has committed,
 * so that a CDN in front can keep public answers for long and still never serve one a change has
 * made stale. Each adapter speaks its provider's documented purge API; which ones run is
 * configuration (config/http-cache.ts, README "Deploying").
 */

export type PurgeTags = readonly string[] | 'all';

export type PurgeTarget = { name: string; purge(tags: PurgeTags, signal: AbortSignal): Promise<void> };

export type EdgePurgeConfig = {
  /** Varnish instances' purge endpoints (deploy/varnish.vcl answers PURGE with an `xkey-purge` header). */
  varnishUrls: string[];
  fastly: { serviceId?: string; apiToken?: string; apiUrl: string };
  cloudflare: { zoneId?: string; apiToken?: string; apiUrl: string };
  /** A purge not done within this long is abandoned and logged: the edge's own lifetime then bounds staleness. */
  timeoutMs: number;
};

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
};

const expectOk = async (name: string, response: Response) => {
  if (response.ok) return;
  const text = await response.text().catch(() => '');
  throw new Error(`${name} purge answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
};

/** Varnish with the xkey vmod: `PURGE /` with the tags in `xkey-purge`; `all` is a tag every response carries. */
export const varnishTarget = (url: string): PurgeTarget => ({
  name: `varnish ${url}`,
  async purge(tags, signal) {
    const keys = tags === 'all' ? ['all'] : tags;
    for (const batch of chunks(keys, 100)) {
      await expectOk(`varnish ${url}`, await fetch(url, { method: 'PURGE', headers: { 'xkey-purge': batch.join(' ') }, signal }));
    }
  },
});

/**
 * Fastly: `POST /service/{id}/purge` with up to 256 keys in `Surrogate-Key`, or
 * `POST /service/{id}/purge_all`; authenticated by `Fastly-Key`. A hard purge: a purged object
 * is never served again, stale-if-error included.
 */
export const fastlyTarget = ({ serviceId, apiToken, apiUrl }: { serviceId: string; apiToken: string; apiUrl: string }): PurgeTarget => {
  const service = `${apiUrl.replace(/\/$/, '')}/service/${encodeURIComponent(serviceId)}`;
  return {
    name: 'fastly',
    async purge(tags, signal) {
      const headers = { 'Fastly-Key': apiToken, Accept: 'application/json' };
      if (tags === 'all') {
        await expectOk('fastly', await fetch(`${service}/purge_all`, { method: 'POST', headers, signal }));
        return;
      }
      for (const batch of chunks(tags, 256)) {
        await expectOk('fastly', await fetch(`${service}/purge`, { method: 'POST', headers: { ...headers, 'Surrogate-Key': batch.join(' ') }, signal }));
      }
    },
  };
};

/**
 * Cloudflare: `POST /zones/{id}/purge_cache` with `{"tags": [...]}` (at most 30 per call) or
 * `{"purge_everything": true}`; authenticated by an API token with the Cache Purge permission.
 */
export const cloudflareTarget = ({ zoneId, apiToken, apiUrl }: { zoneId: string; apiToken: string; apiUrl: string }): PurgeTarget => {
  const endpoint = `${apiUrl.replace(/\/$/, '')}/zones/${encodeURIComponent(zoneId)}/purge_cache`;
  const send = async (body: object, signal: AbortSignal) =>
    expectOk('cloudflare', await fetch(endpoint, { method: 'POST', headers: { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal }));
  return {
    name: 'cloudflare',
    async purge(tags, signal) {
      if (tags === 'all') return send({ purge_everything: true }, signal);
      for (const batch of chunks(tags, 30)) await send({ tags: batch }, signal);
    },
  };
};

/** The targets the configuration names; a provider is on when all its settings are present. */
export const purgeTargets = (config: EdgePurgeConfig): PurgeTarget[] => [
  ...config.varnishUrls.map(varnishTarget),
  ...(config.fastly.serviceId && config.fastly.apiToken ? [fastlyTarget({ ...config.fastly, serviceId: config.fastly.serviceId, apiToken: config.fastly.apiToken })] : []),
  ...(config.cloudflare.zoneId && config.cloudflare.apiToken ? [cloudflareTarget({ ...config.cloudflare, zoneId: config.cloudflare.zoneId, apiToken: config.cloudflare.apiToken })] : []),
];

const ATTEMPTS = 3;

/**
 * Sends purges to every target, each retried a few times within the timeout, and remembers the
 * ones in flight: a write's HTTP response waits for them (`settled()`), so that the editor who
 * published sees the change through the edge on the very next request.
 */
export class EdgePurger {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Per target: the "purge everything" running, and the one waiting to start after it. */
  private readonly everything = new Map<PurgeTarget, { running?: Promise<void>; queued?: Promise<void> }>();

  constructor(
    private readonly targets: PurgeTarget[],
    private readonly timeoutMs: number,
    private readonly log: { warn(message: string): void; debug(message: string): void },
  ) {}

  get enabled() {
    return this.targets.length > 0;
  }

  purge(tags: PurgeTags, reason: string) {
    for (const target of this.targets) this.track(tags === 'all' ? this.purgeEverything(target, reason) : this.purgeOne(target, tags, reason));
  }

  /**
   * "Everything" comes in bursts (a media upload, start-up setting permissions and locales): one
   * waiting to start covers every later request, so a burst costs at most two calls per edge
   * (Cloudflare and Fastly rate-limit purges).
   */
  private purgeEverything(target: PurgeTarget, reason: string) {
    let state = this.everything.get(target);
    if (!state) this.everything.set(target, (state = {}));
    if (state.queued) return state.queued;
    const current = state;
    const run: Promise<void> = (current.running ?? Promise.resolve()).then(() => {
      current.queued = undefined;
      current.running = run;
      return this.purgeOne(target, 'all', reason).finally(() => {
        if (current.running === run) current.running = undefined;
      });
    });
    current.queued = run;
    return run;
  }

  private track(flight: Promise<void>) {
    // A shared "everything" comes back once per request: tracked once.
    if (this.inFlight.has(flight)) return;
    this.inFlight.add(flight);
    flight.finally(() => this.inFlight.delete(flight)).catch(() => undefined);
  }

  /** Resolves once the purges started so far are done (or abandoned). */
  async settled() {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async purgeOne(target: PurgeTarget, tags: PurgeTags, reason: string) {
    const signal = AbortSignal.timeout(this.timeoutMs);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await target.purge(tags, signal);
        this.log.debug(`purged ${tags === 'all' ? 'everything' : tags.join(' ')} at ${target.name} (${reason})`);
        return;
      } catch (error) {
        if (signal.aborted || attempt >= ATTEMPTS) {
          this.log.warn(`could not purge ${target.name} after ${attempt} attempt(s) (${reason}): ${(error as Error).message}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt).unref());
      }
    }
  }
}
