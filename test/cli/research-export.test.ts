// `outbox export` for researchers, as a user runs it: SQLite opened with sqlite3 itself, the edge list, pseudonyms, manifests.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FIELDS, type ExportRow } from '../../main/engine/rows/export-schema.js';
import { generatePosts, writeArchive, type Truth } from '../fixtures/archive-builder.js';
import { SAMPLES } from '../samples.js';
import { assertBuilt, runCli } from './run-cli.js';

const SQLITE = '/usr/bin/sqlite3';
const following = join(SAMPLES, 'csv', 'following_accounts.csv');

let temp: string;
let zip: string;
let truth: Truth;
let rows: ExportRow[];

function sql<T = Record<string, unknown>>(db: string, query: string): T[] {
  const out = execFileSync(SQLITE, ['-json', db, query], { maxBuffer: 1 << 28 }).toString().trim();
  return out ? (JSON.parse(out) as T[]) : [];
}

const one = (db: string, query: string): unknown => Object.values(sql(db, query)[0] ?? {})[0];

/** Runs outbox; with `cached`, through a cache folder of this test (the many runs of one archive read it once). */
async function cli(args: string[], env: Record<string, string> = {}, cached = false) {
  const run = cached ? await runCli(args, { env, cacheDir: join(temp, 'cache') }) : await runCli([...args, '--no-cache'], { env });
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** What the edges of the plain export must be, counted from its rows (not from the code under test). */
function expectedEdges(): Record<string, number> {
  const kinds = { reply: 0, mention: 0, boost: 0, quote: 0 };
  for (const r of rows) {
    if (r.type === 'boost') kinds.boost++;
    else {
      if (r.inReplyTo) kinds.reply++;
      if (r.quote) kinds.quote++;
      kinds.mention += r.mentions.length;
    }
  }
  return kinds;
}

/** Every identity of the archive as written in it: handles, actor URIs, status URIs and URLs. */
function identities(): string[] {
  const found = new Set<string>(['@sam@example.social', 'https://example.social/users/sam', 'https://example.social/@sam']);
  for (const r of rows) {
    for (const v of [r.id, r.url, r.inReplyTo, r.boostOf, r.quote]) if (v) found.add(v);
    for (const m of r.mentions) {
      found.add(m.name);
      found.add(m.href);
    }
  }
  return [...found];
}

/** Every file under dir (recursively), as text; media files are skipped (their bytes are the archive's). */
function folderText(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'media') walk(full);
      } else parts.push(`${full.slice(dir.length)}\n${readFileSync(full, 'utf8')}`);
    }
  };
  walk(dir);
  return parts.join('\n');
}

beforeAll(async () => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-research-'));
  const generated = generatePosts(800, 41);
  truth = generated.truth;
  zip = await writeArchive(generated.spec, temp, { container: 'zip' });
  const run = await cli(['export', zip, '--format', 'jsonl']);
  rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('outbox export --format sqlite', () => {
  let db: string;
  beforeAll(async () => {
    db = join(temp, 'posts.sqlite');
    await cli(['export', zip, following, '--format', 'sqlite', '--out', db]);
  });

  it('holds every post with the documented columns, and counts equal to the archive', () => {
    const columns = sql<{ name: string }>(db, 'PRAGMA table_info(posts)').map((c) => c.name);
    expect(columns).toEqual(['rowid', ...EXPORT_FIELDS.map((f) => f.name)]);
    expect(one(db, 'SELECT count(*) FROM posts')).toBe(truth.items);
    expect(one(db, "SELECT count(*) FROM posts WHERE type = 'boost'")).toBe(truth.boosts);
    expect(one(db, "SELECT count(*) FROM posts WHERE type = 'post' AND inReplyTo IS NOT NULL")).toBe(truth.replies);
    expect(one(db, 'SELECT count(*) FROM posts WHERE poll IS NOT NULL')).toBe(truth.polls);
    expect(one(db, 'SELECT count(*) FROM media')).toBe(truth.media.referenced);
    expect(one(db, 'SELECT count(*) FROM media WHERE present = 1')).toBe(truth.media.present);
    expect(one(db, 'SELECT count(DISTINCT post) FROM media')).toBe(truth.withMedia);
    expect(one(db, 'SELECT count(*) FROM hashtags')).toBe(rows.reduce((n, r) => n + r.hashtags.length, 0));
    expect(one(db, 'SELECT count(*) FROM mentions')).toBe(rows.reduce((n, r) => n + r.mentions.length, 0));
    // JSON text columns read back as the JSONL export's values; booleans are 0/1
    const first = rows.find((r) => r.media.length > 0)!;
    const back = sql<{ media: string; sensitive: number; likesCount: number }>(db, `SELECT media, sensitive, likesCount FROM posts WHERE id = '${first.id}'`)[0]!;
    expect(JSON.parse(back.media)).toEqual(first.media);
    expect(back.sensitive).toBe(first.sensitive ? 1 : 0);
    expect(back.likesCount).toBe(first.likesCount);
  });

  it('finds a post by full-text search, joined to posts by rowid', () => {
    const target = rows.find((r) => r.type === 'post' && /\b[a-z]{7,}\b/i.test(r.text))!;
    const word = /\b[a-z]{7,}\b/i.exec(target.text)![0];
    const found = sql<{ id: string }>(db, `SELECT p.id FROM posts_fts f JOIN posts p ON p.rowid = f.rowid WHERE posts_fts MATCH '"${word}"'`).map((r) => r.id);
    expect(found).toContain(target.id);
    expect(found.length).toBe(rows.filter((r) => new RegExp(`\\b${word}\\b`, 'i').test(`${r.text} ${r.summary ?? ''}`)).length);
  });

  it('counts edges by kind as the posts say, and indexes what people filter by', () => {
    const byKind = Object.fromEntries(sql<{ kind: string; n: number }>(db, 'SELECT kind, count(*) AS n FROM edges GROUP BY kind').map((r) => [r.kind, r.n]));
    const expected = expectedEdges();
    expect(expected.reply).toBeGreaterThan(0);
    expect(expected.mention).toBeGreaterThan(0);
    expect(expected.boost).toBeGreaterThan(0);
    expect({ reply: 0, mention: 0, boost: 0, quote: 0, ...byKind }).toEqual(expected);
    expect(one(db, "SELECT count(DISTINCT source) FROM edges")).toBe(1);
    expect(one(db, "SELECT source FROM edges LIMIT 1")).toBe('@sam@example.social');
    const indexes = sql<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts'").map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['posts_published', 'posts_type', 'posts_visibility', 'posts_language']));
    expect(one(db, "SELECT count(*) FROM posts WHERE published >= '2020' AND type = 'post'")).toBe(
      rows.filter((r) => r.published >= '2020' && r.type === 'post').length);
  });

  it('has the accounts, the CSV relationships and a manifest naming the archive by its SHA-256', () => {
    expect(sql(db, 'SELECT handle, username, server, archive, posts FROM accounts')).toEqual([
      { handle: '@sam@example.social', username: 'sam', server: 'example.social', archive: basename(zip), posts: truth.items },
    ]);
    const csvRows = readFileSync(following, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(one(db, "SELECT count(*) FROM relationships WHERE kind = 'following'")).toBe(csvRows);
    const manifest = Object.fromEntries(sql<{ key: string; value: string }>(db, 'SELECT key, value FROM manifest').map((r) => [r.key, r.value]));
    const inputs = JSON.parse(manifest.inputs!) as Array<{ name: string; sha256: string; kind: string }>;
    expect(inputs[0]).toMatchObject({ kind: 'archive', name: basename(zip), sha256: createHash('sha256').update(readFileSync(zip)).digest('hex') });
    expect(inputs[1]).toMatchObject({ kind: 'csv', name: 'following_accounts.csv' });
    expect(JSON.parse(manifest.counts!)).toMatchObject({ posts: truth.items, boosts: truth.boosts });
    expect(manifest.format).toBe('sqlite');
    expect(existsSync(`${db}.partial`)).toBe(false);
  });

  it('replaces an older database at the same path instead of adding to it', async () => {
    await cli(['export', zip, '--format', 'sqlite', '--out', db, '--kinds', 'boost']);
    expect(one(db, 'SELECT count(*) FROM posts')).toBe(truth.boosts);
    expect(JSON.parse(one(db, "SELECT value FROM manifest WHERE key = 'query'") as string)).toEqual({ kinds: ['boost'] });
  });
});

describe('outbox export --format edges', () => {
  it('writes source,target,kind,published,post with one row per reply, mention, boost and quote', async () => {
    const run = await cli(['export', zip, '--format', 'edges']);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('source,target,kind,published,post');
    const edges = lines.slice(1).map((l) => l.split(','));
    const count = (kind: string) => edges.filter((e) => e[2] === kind).length;
    const expected = expectedEdges();
    expect({ reply: count('reply'), mention: count('mention'), boost: count('boost'), quote: count('quote') }).toEqual(expected);
    for (const e of edges) {
      expect(e).toHaveLength(5);
      expect(e[0]).toBe('@sam@example.social');
      expect(e[1]).toMatch(/^@[^@]+@[^@]+$|^https?:\/\//);
    }
    // a reply's target is the author named by the replied-to status URI
    const reply = rows.find((r) => r.inReplyTo?.includes('/users/') && !r.inReplyTo.includes('example.social/'))!;
    const [, host, user] = /^https:\/\/([^/]+)\/users\/([^/]+)\//.exec(reply.inReplyTo!)!;
    expect(edges).toContainEqual(['@sam@example.social', `@${user}@${host}`, 'reply', reply.published, reply.id]);
  });
});

describe('outbox export --pseudonymize', () => {
  it('leaves no handle, actor URI or status URI of the archive in any format, and one salt gives the same output', async () => {
    const forbidden = identities();
    expect(forbidden.length).toBeGreaterThan(100);
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const outputs: Record<string, string[]> = {};
    for (const run of [0, 1]) {
      const dir = join(temp, `pseudo-${run}`);
      const jsonl = await cli(['export', zip, '--format', 'jsonl', '--pseudonymize', '--salt', 'pepper'], env, true);
      const csv = await cli(['export', zip, '--format', 'csv', '--pseudonymize', '--salt', 'pepper'], env, true);
      const edges = await cli(['export', zip, '--format', 'edges', '--pseudonymize', '--salt', 'pepper'], env, true);
      await cli(['export', zip, following, '--format', 'sqlite', '--out', `${dir}.sqlite`, '--pseudonymize', '--salt', 'pepper'], env, true);
      const dump = execFileSync(SQLITE, [`${dir}.sqlite`, '.dump'], { maxBuffer: 1 << 28 }).toString();
      await cli(['export', zip, '--format', 'md', '--one-file-per-post', '--out', `${dir}-md`, '--include-private', '--pseudonymize', '--salt', 'pepper'], env, true);
      await cli(['export', zip, '--format', 'html', '--out', `${dir}-html`, '--include-private', '--pseudonymize', '--salt', 'pepper'], env, true);
      outputs[run] = [jsonl.stdout, csv.stdout, edges.stdout, dump, folderText(`${dir}-md`), folderText(`${dir}-html`)];
    }
    const [a, b] = [outputs[0]!, outputs[1]!];
    a.forEach((text, i) => {
      expect(text.length).toBeGreaterThan(1000);
      const leaks = forbidden.filter((s) => text.includes(s));
      expect(leaks, `output ${i}`).toEqual([]);
      expect(text, `output ${i}`).not.toMatch(/example\.social\/(users\/|@)sam\b/);
      expect(b[i], `output ${i} differs between two runs with one salt`).toBe(text);
    });
    // the posts are all still there, and the pseudonyms join: an edge's post is a posts row's id
    const pseudoRows = a[0]!.trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    expect(pseudoRows).toHaveLength(truth.items);
    const ids = new Set(pseudoRows.map((r) => r.id));
    const edgeLines = a[2]!.trimEnd().split('\r\n').slice(1);
    expect(edgeLines.every((l) => ids.has(l.split(',')[4]!))).toBe(true);
    const account = pseudoRows[0]!.archive;
    expect(account).toMatch(/^@u[0-9a-f]{12}@h[0-9a-f]{10}\.invalid$/);
    expect(edgeLines.every((l) => l.startsWith(`${account},`))).toBe(true);
  }, 400_000);

  it('changes nothing else: text without accounts, dates, visibility and counts are as in the plain export', async () => {
    const run = await cli(['export', zip, '--format', 'jsonl', '--pseudonymize', '--salt', 'pepper']);
    const pseudo = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportRow);
    pseudo.forEach((p, i) => {
      const r = rows[i]!;
      expect([p.published, p.visibility, p.type, p.language, p.likesCount, p.hashtags, p.media]).toEqual([r.published, r.visibility, r.type, r.language, r.likesCount, r.hashtags, r.media]);
      if (r.mentions.length === 0 && !/https?:\/\//.test(r.text)) expect(p.text).toBe(r.text);
    });
  });

  it('prints a random salt when none is given, and another salt gives other pseudonyms', async () => {
    const first = await cli(['export', zip, '--format', 'edges', '--pseudonymize']);
    const salt = /random salt ([0-9a-f]{32})/.exec(first.stderr)?.[1];
    expect(salt).toBeDefined();
    const again = await cli(['export', zip, '--format', 'edges', '--pseudonymize', '--salt', salt!]);
    expect(again.stdout).toBe(first.stdout);
    const other = await cli(['export', zip, '--format', 'edges', '--pseudonymize', '--salt', 'another']);
    expect(other.stdout).not.toBe(first.stdout);
    expect(other.stdout.split('\r\n').length).toBe(first.stdout.split('\r\n').length);
  });
});

describe('outbox export --format md --one-file-per-post', () => {
  it('writes one file per shareable post with YAML front matter, media copied beside, and a manifest', async () => {
    const out = join(temp, 'md-posts');
    await cli(['export', zip, '--format', 'md', '--one-file-per-post', '--out', out]);
    const files = readdirSync(join(out, 'posts'));
    const shareable = truth.itemVisibility.public + truth.itemVisibility.unlisted;
    expect(files).toHaveLength(shareable);
    const withMedia = rows.find((r) => r.visibility === 'public' && r.type === 'post' && r.media.some((m) => m.present) && r.hashtags.length)!;
    const file = files.find((f) => readFileSync(join(out, 'posts', f), 'utf8').includes(`id: ${JSON.stringify(withMedia.id)}`))!;
    const text = readFileSync(join(out, 'posts', file), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(text)![1]!;
    expect(front).toContain(`date: ${JSON.stringify(withMedia.published)}`);
    expect(front).toContain(`tags: [${withMedia.hashtags.map((t) => JSON.stringify(t)).join(', ')}]`);
    expect(front).toContain(`url: ${JSON.stringify(withMedia.url)}`);
    expect(front).toContain('visibility: public');
    const paths = [...front.matchAll(/- path: "\.\.\/(media\/[^"]+)"/g)].map((m) => m[1]!);
    expect(paths.length).toBe(withMedia.media.filter((m) => m.present).length);
    for (const p of paths) expect(existsSync(join(out, p))).toBe(true);
    expect(file.startsWith(withMedia.published.slice(0, 10))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'md', counts: { posts: shareable }, flags: { 'one-file-per-post': true } });
    expect(manifest.inputs[0].sha256).toBe(createHash('sha256').update(readFileSync(zip)).digest('hex'));
  });
});

describe('research flags that make no sense are refused before the archive is read (exit 1)', () => {
  it.each([
    [['--format', 'sqlite'], /--out FILE\.sqlite/],
    [['--format', 'jsonl', '--salt', 'x'], /--salt is only used with --pseudonymize/],
    [['--format', 'csv', '--one-file-per-post'], /--one-file-per-post is for --format md/],
    [['--format', 'html', '--out', 'x', '--site-lang', 'xx'], /--site-lang takes en, de/],
    [['--format', 'parquet'], /--format must be jsonl, csv, sqlite, edges, md or html/],
  ])('%j', async (args, message) => {
    const run = await runCli(['export', join(temp, 'missing.zip'), ...args]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
