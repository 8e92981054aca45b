// GET /api/stats and /api/export (the engine's service behind browser mode's routes) over real generated zips: exact
// counts, filters, zones, streamed files, refusals.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, Stats } from '../../preload/contract.js';
import type { Archive } from '../../main/engine/archive.js';
import { openArchive } from '../../main/engine/open.js';
import { csvHeader, csvRow } from '../../main/engine/rows/post-rows.js';
import { exportRow } from '../../main/engine/rows/export-schema.js';
import { validateStatsRequest } from '../../main/engine/service/validate.js';
import { statusOf } from '../../main/server/respond.js';
import { startServer, type RunningServer } from '../../main/server/server.js';
import { generatePosts, makeAccount, writeArchive } from '../fixtures/archive-builder.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-insights-'));
const { spec, truth } = generatePosts(600, 7, { start: '2021-01-01T00:00:00Z', end: '2022-12-31T23:59:59Z' });
const other = generatePosts(120, 8, {
  account: makeAccount({ host: 'other.example', username: 'kim', displayName: 'Kim' }), start: '2022-03-01T00:00:00Z', end: '2022-05-31T00:00:00Z',
});
let archive: Archive;
let second: Archive;

const filterParam = (f: object) => JSON.stringify(f);
const servers: RunningServer[] = [];
const renderer = join(tmp, 'renderer');
mkdirSync(renderer, { recursive: true });

/** GET path?query from a real server over these archives: status, headers, body text. */
async function fetchFrom(archives: Archive[], path: string, query: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const server = await startServer({ archives, rendererDir: renderer });
  servers.push(server);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: server.port, path: `${path}?${new URLSearchParams(query)}`, headers: { Authorization: `Bearer ${server.token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    }).on('error', reject).end();
  });
}

/** GET /api/stats as a Result. */
async function statsRoute(query: Record<string, string>, archives: Archive[]): Promise<Result<Stats>> {
  return JSON.parse((await fetchFrom(archives, '/api/stats', query)).body) as Result<Stats>;
}
const ctxOf = (archives: Archive[]) => archives;

function value(result: Result<Stats>): Stats {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

beforeAll(async () => {
  archive = await openArchive(await writeArchive(spec, tmp, { container: 'zip' }), { cacheDir: null });
  second = await openArchive(await writeArchive(other.spec, join(tmp, 'other'), { container: 'zip' }), { cacheDir: null });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await archive?.close();
  await second?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('GET /api/stats', () => {
  it('answers the exact per-month counts of the generated archive in UTC, with the first archive as default', async () => {
    const stats = value(await statsRoute({ utc: '1' }, ctxOf([archive])));
    expect(stats.timeZone).toBe('UTC');
    const months = Object.fromEntries(Object.entries(stats.perMonth).map(([m, c]) => [m, c.posts + c.boosts]));
    expect(months).toEqual(truth.months);
    expect(Object.keys(stats.perMonth)).toHaveLength(24);
    expect(stats.totals).toEqual({ posts: truth.posts, boosts: truth.boosts, undated: 0 });
    expect(stats.visibility).toEqual(truth.visibility);
    expect(Object.fromEntries(stats.topHashtags.map((t) => [t.tag, t.count]))).toMatchObject(
      Object.fromEntries(Object.entries(truth.hashtags).sort((a, b) => b[1] - a[1]).slice(0, 3)),
    );
  });

  it('counts only the filter, text query included, as the timeline shows it', async () => {
    const year = value(await statsRoute({ archive: archive.info.id, utc: '1', filter: filterParam({ from: '2022', to: '2022', kinds: ['boost'] }) }, ctxOf([archive])));
    const boosts2022 = archive.page({ filter: { from: '2022', to: '2022', kinds: ['boost'] }, order: 'newest', offset: 0, limit: 1 }).total;
    expect(year.totals).toEqual({ posts: 0, boosts: boosts2022, undated: 0 });
    expect(Object.keys(year.perMonth).every((m) => m.startsWith('2022-'))).toBe(true);

    const word = [...archive.posts({ kinds: ['post'] })][3]!.text.split(/\W+/).find((w) => w.length > 4)!;
    const shown = archive.page({ filter: { q: word }, order: 'newest', offset: 0, limit: 1 }).total;
    const searched = value(await statsRoute({ utc: '1', filter: filterParam({ q: word }) }, ctxOf([archive])));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(truth.items);
    expect(searched.totals.posts + searched.totals.boosts).toBe(shown);
  });

  it('counts in the reader\'s time zone unless utc=1, keeping every item', async () => {
    const local = value(await statsRoute({ tz: 'Pacific/Auckland' }, ctxOf([archive])));
    expect(local.timeZone).toBe('Pacific/Auckland');
    expect(Object.values(local.perMonth).reduce((n, c) => n + c.posts + c.boosts, 0)).toBe(truth.items);
    expect(value(await statsRoute({ tz: 'Pacific/Auckland', utc: '1' }, ctxOf([archive]))).timeZone).toBe('UTC');
  });

  it('counts every open archive together for archive=*, a post held twice once', async () => {
    const both = value(await statsRoute({ archive: '*', utc: '1' }, ctxOf([archive, second, archive])));
    expect(both.totals.posts + both.totals.boosts).toBe(truth.items + other.truth.items);
    expect(both.perMonth['2022-04']!.posts + both.perMonth['2022-04']!.boosts).toBe((truth.months['2022-04'] ?? 0) + other.truth.months['2022-04']!);
  });

  it.each([
    [{ filter: '{nope' }, /filter must be a JSON object/],
    [{ filter: filterParam({ colour: 'red' }) }, /unknown field "colour"/],
    [{ filter: filterParam({ from: '2022-13' }) }, /filter.from must be a date/],
    [{ tz: 'Mars/Olympus_Mons' }, /not a time zone/],
    [{ tz: '../etc' }, /IANA time zone/],
    [{ utc: 'maybe' }, /utc must be 1 or 0/],
    [{ top: '5' }, /no parameter "top"/],
  ])('refuses %j with a 400 that says why', async (query, message) => {
    const result = await statsRoute(query as Record<string, string>, ctxOf([archive]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(statusOf(result.code)).toBe(400);
    expect(result.message).toMatch(message);
  });

  it('answers not-open (404) for an archive that is not open, or none at all', async () => {
    for (const [query, archives] of [[{ archive: 'nope' }, [archive]], [{}, []], [{ archive: '*' }, []]] as const) {
      const result = await statsRoute(query as Record<string, string>, ctxOf([...archives]));
      expect(result.ok ? 'ok' : result.code).toBe('not-open');
      if (!result.ok) expect(statusOf(result.code)).toBe(404);
    }
  });

  it('validates the IPC form too', () => {
    expect(validateStatsRequest({ archive: 'a', filter: {}, timeZone: 'Europe/Berlin', utc: false })).toEqual({
      ok: true, value: { archive: 'a', filter: {}, timeZone: 'Europe/Berlin', utc: false },
    });
    expect(validateStatsRequest({ archive: 'a', filter: {}, timeZone: 'UTC', utc: 'yes' }).ok).toBe(false);
    expect(validateStatsRequest({ archive: 'a', extra: 1 }).ok).toBe(false);
  });
});

describe('GET /api/export', () => {
  let archives: Archive[] = [];
  const get = (query: Record<string, string>) => fetchFrom(archives, '/api/export', query);

  it('streams every post of the filter as JSON Lines, oldest first, as `outbox export` writes them', async () => {
    archives = [archive];
    const [tag, count] = Object.entries(truth.hashtags).sort((a, b) => b[1] - a[1])[0]!;
    const reply = await get({ format: 'jsonl', filter: JSON.stringify({ hashtag: tag }) });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.jsonl"$/);
    expect(reply.headers['cache-control']).toBe('no-store');
    const lines = reply.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; hashtags: string[]; archive: string; published: string });
    expect(lines).toHaveLength(count);
    expect(lines.every((l) => l.hashtags.includes(tag) && l.archive === '@sam@example.social')).toBe(true);
    expect(lines.map((l) => l.id)).toEqual([...archive.posts({ hashtag: tag })].map((p) => p.id));
  });

  it('writes CSV with the header and one record per post, all of them (larger than one chunk)', async () => {
    archives = [archive];
    const reply = await get({ format: 'csv' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    const expected = csvHeader() + [...archive.posts()].map((p) => csvRow(exportRow(p, '@sam@example.social'))).join('');
    expect(reply.body.length).toBeGreaterThan(64 * 1024);
    expect(reply.body).toBe(expected);
  });

  it('writes every open archive for archive=*, each row naming its account', async () => {
    archives = [archive, second];
    const reply = await get({ archive: '*', format: 'jsonl', filter: JSON.stringify({ from: '2022-04', to: '2022-04' }) });
    const accounts = reply.body.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { archive: string }).archive);
    expect(accounts.filter((a) => a === '@kim@other.example')).toHaveLength(other.truth.months['2022-04']!);
    expect(accounts.filter((a) => a === '@sam@example.social')).toHaveLength(truth.months['2022-04'] ?? 0);
  });

  it.each([
    [{ format: 'md' }, 400, /format must be jsonl or csv/],
    [{ format: 'csv', filter: '[1]' }, 400, /filter must be a JSON object/],
    [{ format: 'csv', extra: '1' }, 400, /no parameter "extra"/],
    [{ format: 'csv', archive: 'gone' }, 404, /No archive with id "gone"/],
  ])('refuses %j', async (query, status, message) => {
    archives = [archive];
    const reply = await get(query as Record<string, string>);
    expect(reply.status).toBe(status);
    expect(JSON.parse(reply.body).message).toMatch(message);
  });
});
