/**
 * Council staff enter and read times in UK time (Europe/London: GMT in winter, BST in summer);
 * the database keeps instants in UTC. Plain functions on the platform's time-zone data.
 */
export const LONDON = 'Europe/London';

const ISO_WITH_OPTIONAL_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The London wall-clock time of an instant as `YYYY-MM-DDTHH:mm:ss`. */
export const londonWallTime = (instant: Date): string => {
  const part = Object.fromEntries(wallClock.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
};

export class InvalidTime extends Error {}

/**
 * The instant `at` names: an ISO 8601 date and time with `Z` or an offset is taken as it is; one
 * without is London wall-clock time. A London time that does not exist (the hour skipped when the
 * clocks go forward) is refused; one that happens twice (the hour repeated when they go back) is
 * the first, in BST.
 */
export const parseScheduleTime = (at: string): Date => {
  const match = ISO_WITH_OPTIONAL_ZONE.exec(at.trim());
  if (!match) throw new InvalidTime(`${JSON.stringify(at)} is not a date and time like 2026-12-01T09:00 (UK time) or 2026-12-01T09:00:00Z`);
  const [, year, month, day, hour, minute, second = '00', millis = '0', zone] = match;
  const wall = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(millis.padEnd(3, '0')));
  // Date.UTC rolls 31 February over into March: a date that reads back differently does not exist.
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 19) !== wall) throw new InvalidTime(`${JSON.stringify(at)} is not a real date and time`);
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return new Date(asUtc - offset * 60_000);
  }
  // London is UTC+0 or UTC+1: the candidate instants whose London wall time is the one given.
  const candidates = [60, 0].map((offset) => new Date(asUtc - offset * 60_000)).filter((instant) => londonWallTime(instant) === wall);
  if (candidates.length === 0) throw new InvalidTime(`${wall.replace('T', ' ')} does not exist in UK time (the clocks go forward an hour then)`);
  return candidates[0];
};

const readable = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** An instant as staff read it, e.g. `Tue 1 Dec 2026, 09:00 GMT` or `Mon 1 Jun 2026, 09:00 BST`. */
export const formatLondon = (instant: Date): string => {
  // Assembled from parts: ICU versions differ in the punctuation of the whole.
  const part = Object.fromEntries(readable.formatToParts(instant).map(({ type, value }) => [type, value]));
  return `${part.weekday} ${part.day} ${part.month} ${part.year}, ${part.hour}:${part.minute} ${part.timeZoneName}`;
};
