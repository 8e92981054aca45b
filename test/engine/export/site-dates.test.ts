// The site's dates put together from a day's and a minute's formatting must read exactly as Intl's whole format.
import { describe, expect, it } from 'vitest';
import { joiner, siteDateTime } from '../../../main/engine/export/site-dates.js';
import { SITE_LANGUAGES } from '../../../main/engine/export/site-words.js';
import { zoneClock } from '../../../main/engine/stats/zone-clock.js';

/** Instants over 12 years at random seconds, plus both sides of DST changes and of a half-hour zone's midnight. */
function instants(): number[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const some = Array.from({ length: 1500 }, () => Date.UTC(2014, 0, 1) + Math.floor(random() * 12 * 365.25 * 86_400_000));
  const edges = [Date.UTC(2024, 2, 31, 0, 59, 59), Date.UTC(2024, 2, 31, 1, 0, 0), Date.UTC(2024, 9, 27, 0, 59), Date.UTC(2024, 9, 27, 1, 0),
    Date.UTC(2024, 3, 6, 15, 0), Date.UTC(2024, 3, 6, 14, 59), Date.UTC(2023, 11, 31, 18, 29), Date.UTC(2023, 11, 31, 18, 30),
    Date.UTC(1890, 4, 1, 11, 40, 20), Date.UTC(-50, 0, 1), Date.UTC(12000, 5, 5)];
  return [...some, ...edges];
}

describe('siteDateTime', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/Amsterdam'])('reads as Intl does in every site language, in %s', (zone) => {
    const clock = zoneClock(zone);
    for (const lang of SITE_LANGUAGES) {
      const whole = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: clock.timeZone });
      const made = siteDateTime(lang, clock);
      const wrong = instants().filter((ms) => made(ms) !== whole.format(ms));
      expect(wrong.map((ms) => `${lang} ${new Date(ms).toISOString()}: ${made(ms)} ≠ ${whole.format(ms)}`)).toEqual([]);
    }
  });

  it('joins only where every sample agrees on one joint', () => {
    expect(joiner([['a, b', 'a', 'b'], ['c, d', 'c', 'd']])!('x', 'y')).toBe('x, y');
    expect(joiner([['b a', 'a', 'b']])!('x', 'y')).toBe('y x');
    expect(joiner([['a, b', 'a', 'b'], ['c at d', 'c', 'd']])).toBeNull();
    expect(joiner([['a b!', 'a', 'b']])).toBeNull();
  });
});
