// zoneClock in the system's own zone reads offsets from Date (getTimezoneOffset); in any other zone from Intl's
// formatToParts. Both must give the same local time for every instant, DST changes and odd offsets included.
import { afterEach, describe, expect, it } from 'vitest';
import { systemTimeZone, zoneClock } from '../../../main/engine/stats/zone-clock.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];
const original = process.env.TZ;
afterEach(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

/** Every 97 minutes over three years (each DST change falls between two of them), plus the hours around them. */
function instants(): number[] {
  const out: number[] = [];
  for (let ms = Date.UTC(2021, 0, 1); ms < Date.UTC(2024, 0, 1); ms += 97 * 60_000) out.push(ms);
  return out;
}

describe('zoneClock', () => {
  it.each(ZONES)('gives the same local times in %s as the system zone and as a named zone', (zone) => {
    process.env.TZ = 'UTC';
    expect(systemTimeZone()).toBe('UTC');
    const named = zoneClock(zone);
    const expected = instants().map((ms) => named.local(ms));
    process.env.TZ = zone;
    expect(systemTimeZone()).toBe(named.timeZone); // ICU's canonical name (Asia/Calcutta for Asia/Kolkata)
    const system = zoneClock(zone);
    expect(instants().map((ms) => system.local(ms))).toEqual(expected);
    expect(system.at(Date.UTC(2022, 6, 1, 12, 0))).toEqual(named.at(Date.UTC(2022, 6, 1, 12, 0)));
    // the offsets really change over a year (so the comparison above covers a DST change where the zone has one)
    const offsets = new Set(instants().map((ms, i) => expected[i]! - ms));
    expect(offsets.size).toBe(zone === 'Asia/Kolkata' || zone === 'Asia/Kathmandu' ? 1 : 2);
  });
});
