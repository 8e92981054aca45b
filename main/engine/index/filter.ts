// PostFilter (everything but the free text) compiled to a test over the index columns: a fast loop, no posts read.
import type { PostFilter } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import { Flag, VISIBILITIES, mentionKeys, type IndexTables } from './tables.js';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** [start, end) in ms of a YYYY, YYYY-MM or YYYY-MM-DD period (UTC); a full ISO time is a one-instant period. */
export function datePeriod(value: string, field: 'from' | 'to'): [number, number] {
  const m = DATE.exec(value.trim());
  if (m) {
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) - 1 : null;
    const d = m[3] ? Number(m[3]) : null;
    if ((mo === null || (mo >= 0 && mo < 12)) && (d === null || (d >= 1 && d <= 31))) {
      if (mo === null) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
      if (d === null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
      return [Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1)];
    }
  }
  const ms = Date.parse(value);
  if (Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}T/.test(value)) return [ms, ms + 1];
  throw new ArchiveError('bad-request', `The date "${value}" in "${field}" is not YYYY, YYYY-MM or YYYY-MM-DD.`);
}

/** Marks (1 byte per post) of the posts listed in a posting slice. */
function marks(tables: IndexTables, slices: Array<[number, number]>): Uint8Array {
  const m = new Uint8Array(tables.count);
  for (const [start, length] of slices) {
    for (let i = start; i < start + length; i++) m[tables.postings[i]!] = 1;
  }
  return m;
}

export type PostTest = (pos: number) => boolean;

/** The test for one filter; `null` when the filter asks nothing (every post passes). */
export function compileFilter(tables: IndexTables, filter: PostFilter): PostTest | null {
  const { flags, visibility, language, published } = tables.columns;
  const tests: PostTest[] = [];

  if (filter.kinds && filter.kinds.length > 0) {
    const post = filter.kinds.includes('post');
    const reply = filter.kinds.includes('reply');
    const boost = filter.kinds.includes('boost');
    tests.push((i) => {
      const f = flags[i]!;
      if (f & Flag.boost) return boost;
      return f & Flag.reply ? reply : post;
    });
  }
  if (filter.visibility && filter.visibility.length > 0) {
    const allowed = new Uint8Array(VISIBILITIES.length);
    for (const v of filter.visibility) {
      const k = VISIBILITIES.indexOf(v);
      if (k >= 0) allowed[k] = 1;
    }
    tests.push((i) => allowed[visibility[i]!] === 1);
  }
  if (filter.language) {
    const want = filter.language.trim().toLowerCase();
    const codes = new Uint8Array(tables.languages.length + 1);
    tables.languages.forEach((code, k) => {
      const c = code.toLowerCase();
      if (c === want || c.startsWith(want + '-')) codes[k + 1] = 1;
    });
    tests.push((i) => codes[language[i]!] === 1);
  }
  if (filter.hashtag) {
    const slice = tables.hashtags.get(filter.hashtag.trim().replace(/^#/, '').toLowerCase());
    const m = marks(tables, slice ? [slice] : []);
    tests.push((i) => m[i] === 1);
  }
  if (filter.mention) {
    const raw = filter.mention.trim();
    const keys = /^https?:/i.test(raw) ? [raw] : mentionKeys(raw, '');
    const slices = keys.map((k) => tables.mentions.get(k)).filter((s): s is [number, number] => s !== undefined);
    const m = marks(tables, slices);
    tests.push((i) => m[i] === 1);
  }
  const flagTests: Array<[boolean | undefined, number]> = [
    [filter.hasMedia, Flag.media],
    [filter.hasPoll, Flag.poll],
    [filter.hasCw, Flag.cw],
    [filter.edited, Flag.edited],
    [filter.noAlt, Flag.noAlt],
  ];
  let must = 0;
  let mustNot = 0;
  for (const [want, bit] of flagTests) {
    if (want === true) must |= bit;
    else if (want === false) mustNot |= bit;
  }
  if (must || mustNot) tests.push((i) => (flags[i]! & must) === must && (flags[i]! & mustNot) === 0);

  const from = filter.from ? datePeriod(filter.from, 'from')[0] : -Infinity;
  const to = filter.to ? datePeriod(filter.to, 'to')[1] : Infinity;
  if (filter.from || filter.to) tests.push((i) => published[i]! >= from && published[i]! < to);

  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (i) => {
    for (const t of tests) if (!t(i)) return false;
    return true;
  };
}
