import { countErrors, evaluateSoak, formatSoakSection, pickWeighted, type SoakMeasurement } from '../../src/cli/soak';

const MiB = 2 ** 20;
const measurement = (overrides: Partial<SoakMeasurement> = {}): SoakMeasurement => ({
  durationSeconds: 60,
  connections: 50,
  totalRequests: 120_000,
  errors: 0,
  p50: 12,
  p99: 240,
  rssAfterWarmUp: 200 * MiB,
  rssAfterRun: 210 * MiB,
  statusCounts: { '200': 110_000, '304': 10_000 },
  ...overrides,
});

describe('soak: pure parts of scripts/soak.js', () => {
  it('counts socket errors, timeouts and every status but 2xx and 304 as errors', () => {
    const result = {
      errors: 2,
      timeouts: 1,
      requests: { total: 100 },
      latency: { p50: 1, p99: 2 },
      statusCodeStats: { '200': { count: 80 }, '204': { count: 3 }, '304': { count: 10 }, '400': { count: 4 }, '429': { count: 1 }, '503': { count: 2 } },
    };
    expect(countErrors(result)).toBe(2 + 1 + 4 + 1 + 2);
    expect(countErrors({ ...result, errors: 0, timeouts: 0, statusCodeStats: { '200': { count: 5 }, '304': { count: 5 } } })).toBe(0);
  });

  it('passes with no errors and RSS within 15% of the warm-up', () => {
    expect(evaluateSoak(measurement())).toEqual({ passed: true, checks: [expect.objectContaining({ name: 'errors', passed: true }), expect.objectContaining({ name: 'memory', passed: true })] });
    expect(evaluateSoak(measurement({ rssAfterRun: 230 * MiB })).passed).toBe(true); // +15.0%
    expect(evaluateSoak(measurement({ rssAfterRun: 170 * MiB })).passed).toBe(true); // -15.0%
  });

  it.each([
    ['one error', { errors: 1 }, 'errors', /1 of 120000 requests/],
    ['no request answered', { totalRequests: 0 }, 'errors', /no request was answered/],
    ['RSS grown by more than 15%', { rssAfterRun: 231 * MiB }, 'memory', /\+15\.5%/],
    ['RSS shrunk by more than 15%', { rssAfterRun: 160 * MiB }, 'memory', /-20\.0%/],
  ])('fails on %s', (_name, overrides, failing, detail) => {
    const { passed, checks } = evaluateSoak(measurement(overrides));
    expect(passed).toBe(false);
    const check = checks.find((entry) => entry.name === failing);
    expect(check?.passed).toBe(false);
    expect(check?.detail).toMatch(detail);
  });

  it('writes a dated markdown section with the numbers, the mix and the verdict', () => {
    const section = formatSoakSection(measurement({ errors: 3 }), { date: new Date('2026-11-28T23:45:10Z'), machine: '2 cores', mix: ['60% cached: cities', '40% uncached: projects'] });
    expect(section).toMatch(/^## 2026-11-28 23:45 UTC: soak, 60 s at 50 connections\n/);
    expect(section).toContain('- 60% cached: cities\n- 40% uncached: projects');
    expect(section).toContain('| 120000 | 2000 | 3 | 12 | 240 | 200 MiB | 210 MiB | +5.0% |');
    expect(section).toContain('Status codes: 200: 110000, 304: 10000.');
    expect(section).toMatch(/Result: \*\*failed\*\*\. errors FAILED: 3 of 120000 requests \(allowed 0\); memory ok: /);
  });

  it('picks mix entries in proportion to their weights', () => {
    const entries = [{ weight: 1, name: 'a' }, { weight: 3, name: 'b' }];
    expect([0, 0.24, 0.25, 0.99].map((random) => pickWeighted(entries, random).name)).toEqual(['a', 'a', 'b', 'b']);
  });
});
