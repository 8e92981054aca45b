// buildTables: the time order (in order, out of order, unparsable dates), months, and the date arithmetic behind them.
import { describe, expect, it } from 'vitest';
import { buildTables, monthCode, monthKey } from '../../../main/engine/index/tables.js';
import { canonicalIsoMs, isoDate } from '../../../main/engine/normalize/fields.js';
import { makePost } from '../../fixtures/make-post.js';

describe('buildTables', () => {
  it('keeps archive order when it is already oldest first, and sorts when it is not (bad dates first, ties by position)', () => {
    const inOrder = [0, 1, 2, 3].map((s) => makePost(s));
    expect(Array.from(buildTables(inOrder).tables.columns.byTime)).toEqual([0, 1, 2, 3]);
    const mixed = [
      makePost(0, { published: '2023-05-01T00:00:00Z' }),
      makePost(1, { published: '2021-01-01T00:00:00.500Z' }),
      makePost(2, { published: 'not a date' }),
      makePost(3, { published: '2023-05-01T00:00:00Z' }),
      makePost(4, { published: '2022-02-28T23:59:59Z' }),
    ];
    const { tables } = buildTables(mixed);
    expect(Array.from(tables.columns.byTime)).toEqual([2, 1, 4, 0, 3]);
    expect(tables.columns.published[1]).toBe(Date.parse('2021-01-01T00:00:00.500Z'));
    expect(tables.columns.month[2]).toBe(0);
    expect(tables.months).toEqual({ '2021-01': 1, '2022-02': 1, '2023-05': 2 });
    expect(Object.keys(tables.months)).toEqual(['2021-01', '2022-02', '2023-05']);
  });

  it('files a mention under its href, its name and @user@host, for every post that has it', () => {
    const mention = { name: '@bo', href: 'https://other.example/users/bo' };
    const { tables } = buildTables([makePost(0, { mentions: [mention] }), makePost(1), makePost(2, { mentions: [mention] })]);
    for (const key of ['https://other.example/users/bo', '@bo', '@bo@other.example']) {
      const [start, length] = tables.mentions.get(key)!;
      expect(Array.from(tables.postings.subarray(start, start + length))).toEqual([0, 2]);
    }
  });
});

describe('date arithmetic', () => {
  it('monthCode equals what Date says, across eras, leap days and the ends of the Date range', () => {
    const times = [0, -1, 951_782_400_000, 951_868_799_999, -62_135_596_800_000, 253_402_300_799_999, 8.64e15, -8.64e15];
    for (let k = 0; k < 2000; k++) times.push(Math.round((k / 2000 - 0.5) * 2 * 8.64e15) + k * 7919);
    for (const ms of times) {
      const d = new Date(ms);
      expect(monthCode(ms), String(ms)).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
    }
    expect(monthCode(NaN)).toBe(0);
    expect(monthKey(monthCode(Date.parse('2024-02-29T12:00:00Z')))).toBe('2024-02');
  });

  it('canonicalIsoMs reads only real second-precision UTC dates; isoDate keeps them and normalizes the rest', () => {
    for (const v of ['2024-02-29T23:59:59Z', '1970-01-01T00:00:00Z', '2000-02-29T00:00:00Z', '0001-01-01T00:00:00Z']) {
      expect(canonicalIsoMs(v), v).toBe(Date.parse(v));
      expect(isoDate(v)).toBe(v);
    }
    for (const v of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2023-04-31T00:00:00Z', '2023-13-01T00:00:00Z',
      '2023-01-01T24:00:00Z', '2023-01-01T23:59:60Z', '2023-01-01T00:00:00.000Z', '2023-01-01 00:00:00Z', '2023-01-01T00:00:00+01:00']) {
      expect(canonicalIsoMs(v), v).toBeNaN();
    }
    expect(isoDate('2023-01-01T00:00:00.000Z')).toBe('2023-01-01T00:00:00Z');
    expect(isoDate('2023-01-01T00:00:00+01:00')).toBe('2022-12-31T23:00:00Z');
    expect(isoDate('2023-02-29T00:00:00Z')).toBe(Number.isNaN(Date.parse('2023-02-29T00:00:00Z')) ? null : new Date(Date.parse('2023-02-29T00:00:00Z')).toISOString().replace('.000', ''));
  });
});
