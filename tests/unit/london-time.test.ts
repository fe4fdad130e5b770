import fc from 'fast-check';
import { formatLondon, londonWallTime, parseScheduleTime } from '../../src/scheduling/london-time';

describe('schedule times in UK time', () => {
  it('a time without an offset is London wall-clock time: GMT in winter, BST in summer', () => {
    expect(parseScheduleTime('2026-12-01T09:00').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(parseScheduleTime('2026-06-01T09:00').toISOString()).toBe('2026-06-01T08:00:00.000Z');
    expect(parseScheduleTime('2026-06-01 09:00:30').toISOString()).toBe('2026-06-01T08:00:30.000Z');
  });

  it('a time with Z or an offset is taken as it is', () => {
    expect(parseScheduleTime('2026-06-01T09:00:00Z').toISOString()).toBe('2026-06-01T09:00:00.000Z');
    expect(parseScheduleTime('2026-06-01T09:00:00.250+02:00').toISOString()).toBe('2026-06-01T07:00:00.250Z');
    expect(parseScheduleTime('2026-06-01T09:00-0530').toISOString()).toBe('2026-06-01T14:30:00.000Z');
  });

  it('the hour skipped when the clocks go forward is refused; the hour repeated when they go back is the first (BST)', () => {
    expect(() => parseScheduleTime('2026-03-29T01:30')).toThrow('does not exist in UK time');
    expect(parseScheduleTime('2026-03-29T02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(parseScheduleTime('2026-10-25T01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it.each(['2026-02-31T09:00', '2026-12-01', 'tomorrow at nine', '2026-12-01T25:00', '2026-12-01T09:00+99', ''])('refuses %j', (text) => {
    expect(() => parseScheduleTime(text)).toThrow();
  });

  it('reads back as staff read it, with GMT or BST', () => {
    expect(formatLondon(new Date('2026-12-01T09:00:00Z'))).toBe('Tue 1 Dec 2026, 09:00 GMT');
    expect(formatLondon(new Date('2026-06-01T08:00:00Z'))).toBe('Mon 1 Jun 2026, 09:00 BST');
  });

  it('any instant, written as its London wall time, parses back to itself (to the second)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const instant = new Date(Math.floor(date.getTime() / 1000) * 1000);
        const parsed = parseScheduleTime(londonWallTime(instant));
        // The repeated autumn hour reads back as its first (BST) occurrence, an hour earlier.
        expect([0, 3_600_000]).toContain(instant.getTime() - parsed.getTime());
        expect(londonWallTime(parsed)).toBe(londonWallTime(instant));
      }),
      { numRuns: 2000 },
    );
  });
});
