/**
 * Strict date-time parsing for validFrom / validUntil / proof created / key revoked.
 * Date.parse() accepts many formats and reads a date-time without a time zone as *local* time,
 * which would make the same credential valid in Amsterdam and expired in New York. VC 2.0 uses
 * xsd:dateTimeStamp (time zone required); we accept exactly that shape (the rulebook's `dates`,
 * which the Python verifier reads too: credsite/standards/instants.py) and nothing else.
 */

import { DATE_TIME_PATTERN } from './rulebook.js';

/** The largest instant a Date holds, either side of 1970 (ECMA-262, "Time Values and Time Range"). */
const MAX_TIME_MS = 8.64e15;

/**
 * Milliseconds since the epoch for an RFC 3339 / xsd:dateTimeStamp string, or null if the value
 * is not one (wrong shape, no time zone, or an impossible date such as 31 February).
 * Sub-millisecond digits are dropped; comparisons are to the millisecond.
 * @param {unknown} value
 * @returns {number|null}
 */
export function parseDateTime(value) {
  if (typeof value !== 'string') return null;
  const m = DATE_TIME_PATTERN.exec(value);
  if (!m) return null;
  const [, , frac, tz] = m; // the first group is the year, at most six digits
  const head = value.slice(0, value.length - (frac ?? '').length - tz.length);
  const negative = head.startsWith('-');
  const [date, time] = (negative ? head.slice(1) : head).split('T');
  const [y, mo, d] = date.split('-');
  const [h, mi, s] = time.split(':');
  const year = negative ? -Number(y) : Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || (frac && Number(frac) !== 0))) return null;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  let ms = Date.UTC(2000, 0, 1, hour, minute, second) - Date.UTC(2000, 0, 1) + probe.setUTCHours(0, 0, 0, 0);
  if (frac) ms += Math.floor(Number(`0${frac}`) * 1000);
  if (tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const tzh = Number(tz.slice(1, 3));
    const tzm = Number(tz.slice(4, 6));
    if (tzh > 14 || tzm > 59) return null;
    ms -= sign * (tzh * 60 + tzm) * 60000;
  }
  // The day is within Date's range (setUTCFullYear above), but the time and offset can still take
  // the instant beyond it (-271821-04-20T00:00:00+01:00), where new Date(ms) would be invalid.
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS ? ms : null;
}

/**
 * Normalise the caller's `now` (Date, ISO string or epoch ms) so that every check in one
 * verification compares against the same instant, and tests can pin it.
 * @param {Date|string|number|undefined} now
 * @returns {number}
 */
export function resolveNow(now) {
  if (now === undefined || now === null) return Date.now();
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number' && Number.isFinite(now)) return now;
  if (typeof now === 'string') {
    const ms = parseDateTime(now);
    if (ms !== null) return ms;
  }
  throw new TypeError('options.now must be a Date, an RFC 3339 date-time string or epoch milliseconds');
}

/**
 * ISO 8601 UTC text for an instant; used in check details so the page can format dates itself.
 * @param {number} ms
 * @returns {string}
 */
export function isoString(ms) {
  return new Date(ms).toISOString();
}
