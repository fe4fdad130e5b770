/**
 * The pure parts of `npm run soak` (scripts/soak.js): counting errors in an autocannon result,
 * judging a run against the criteria and writing its section of docs/benchmarks.md.
 */

export const SOAK_CRITERIA = {
  /** Requests that did not get a 2xx or a 304, plus socket errors and timeouts. */
  maxErrors: 0,
  /** RSS of the server after the run may differ from RSS after the warm-up by at most this share. */
  maxRssChange: 0.15,
};

/** The parts of an autocannon result the soak reads. */
export type LoadResult = {
  errors: number;
  timeouts: number;
  requests: { total: number };
  latency: { p50: number; p99: number };
  statusCodeStats?: Record<string, { count?: number }>;
};

/** A 304 answers a revalidation correctly; every other non-2xx status is an error. */
export const countErrors = (result: LoadResult) => {
  const wrongStatuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2') && code !== '304')
    .reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0);
  return result.errors + result.timeouts + wrongStatuses;
};

export type SoakMeasurement = {
  durationSeconds: number;
  connections: number;
  totalRequests: number;
  errors: number;
  p50: number;
  p99: number;
  rssAfterWarmUp: number;
  rssAfterRun: number;
  statusCounts: Record<string, number>;
};

export type SoakCheck = { name: string; passed: boolean; detail: string };

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const percent = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(1)}%`;

export const rssChange = (m: Pick<SoakMeasurement, 'rssAfterWarmUp' | 'rssAfterRun'>) => (m.rssAfterRun - m.rssAfterWarmUp) / m.rssAfterWarmUp;

export const evaluateSoak = (m: SoakMeasurement): { checks: SoakCheck[]; passed: boolean } => {
  const change = rssChange(m);
  const checks: SoakCheck[] = [
    {
      name: 'errors',
      passed: m.totalRequests > 0 && m.errors <= SOAK_CRITERIA.maxErrors,
      detail: m.totalRequests > 0 ? `${m.errors} of ${m.totalRequests} requests (allowed ${SOAK_CRITERIA.maxErrors})` : 'no request was answered',
    },
    {
      name: 'memory',
      passed: Number.isFinite(change) && Math.abs(change) <= SOAK_CRITERIA.maxRssChange,
      detail: `RSS ${megabytes(m.rssAfterWarmUp)} after warm-up, ${megabytes(m.rssAfterRun)} after the run (${percent(change)}, allowed ±${SOAK_CRITERIA.maxRssChange * 100}%)`,
    },
  ];
  return { checks, passed: checks.every((check) => check.passed) };
};

export type SoakContext = { date: Date; machine: string; mix: string[] };

/** A dated section for docs/benchmarks.md. */
export const formatSoakSection = (m: SoakMeasurement, context: SoakContext) => {
  const { checks, passed } = evaluateSoak(m);
  const statuses = Object.entries(m.statusCounts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');
  return [
    `## ${context.date.toISOString().slice(0, 16).replace('T', ' ')} UTC: soak, ${m.durationSeconds} s at ${m.connections} connections`,
    '',
    `Machine: ${context.machine}. Production build (\`NODE_ENV=production\`), autocannon on the same machine. Mix (weights):`,
    '',
    ...context.mix.map((line) => `- ${line}`),
    '',
    '| requests | req/s | errors | p50 ms | p99 ms | RSS after warm-up | RSS after run | RSS change |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${m.totalRequests} | ${(m.totalRequests / m.durationSeconds).toFixed(0)} | ${m.errors} | ${m.p50} | ${m.p99} | ${megabytes(m.rssAfterWarmUp)} | ${megabytes(m.rssAfterRun)} | ${percent(rssChange(m))} |`,
    '',
    `Status codes: ${statuses || 'none'}.`,
    '',
    `Result: **${passed ? 'passed' : 'failed'}**. ${checks.map((check) => `${check.name} ${check.passed ? 'ok' : 'FAILED'}: ${check.detail}`).join('; ')}.`,
    '',
  ].join('\n');
};

/** Picks one entry with probability proportional to its weight; `random` is in [0, 1). */
export const pickWeighted = <T extends { weight: number }>(entries: T[], random: number): T => {
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  let remaining = random * total;
  for (const entry of entries) {
    remaining -= entry.weight;
    if (remaining < 0) return entry;
  }
  return entries[entries.length - 1];
};
