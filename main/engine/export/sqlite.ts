// `outbox export --format sqlite`: one database for Datasette, sqlite3, DuckDB, pandas and R, written while posts stream.
import { existsSync, renameSync, rmSync } from 'node:fs';
import type sqlite from 'node-sqlite3-wasm';
import type { Relationships } from '../library/relationships.js';
import { ArchiveError } from '../errors.js';
import type { Edge } from './edges.js';
import type { Manifest } from './manifest.js';
import type { Pseudonymizer } from './pseudonymize.js';

type Value = number | string | null;

/** A posts column: its name and its JSON type as the export schema documents it. */
export interface SqliteColumn {
  name: string;
  type: string;
}

/** One post as the export schema writes it (media, hashtags and mentions in their export shape), and its edges. */
export interface SqlitePost {
  row: Record<string, unknown>;
  edges: Edge[];
}

export interface SqliteAccount {
  handle: string;
  actor: string;
  username: string;
  server: string | null;
  displayName: string;
  url: string | null;
  joined: string | null;
  /** the archive's file name */
  archive: string;
}

export interface SqliteInput {
  columns: readonly SqliteColumn[];
  posts: Iterable<SqlitePost>;
  accounts: SqliteAccount[];
  relationships: Relationships | null;
  pseudonymizer: Pseudonymizer | null;
  /** called once the posts are written, with what was counted */
  manifest: (counts: Record<string, number>) => Promise<Manifest>;
}

/** Posts per transaction: large enough that commits cost little, small enough that a batch's memory does not matter. */
const BATCH = 2000;

/**
 * An INSERT whose TEXT columns take their strings as UTF-8 bytes, turned back into text by SQLite (CAST … AS TEXT):
 * node-sqlite3-wasm copies a bound string into wasm memory a character at a time in JavaScript, a bound Buffer in
 * one copy, and Buffer.from encodes natively (binding was most of a 100k-post export's time). The values stored are
 * the same: a TEXT column turns whatever it is given into text, and CAST(NULL AS TEXT) is NULL.
 */
class Insert {
  private readonly statement: sqlite.Statement;
  private readonly text: boolean[];

  constructor(db: sqlite.Database, table: string, columns: ReadonlyArray<{ name: string; sql: 'TEXT' | 'INTEGER' }>) {
    this.text = columns.map((c) => c.sql === 'TEXT');
    const values = this.text.map((text) => (text ? 'CAST(? AS TEXT)' : '?')).join(', ');
    this.statement = db.prepare(`INSERT INTO ${table} (${columns.map((c) => quoteName(c.name)).join(', ')}) VALUES (${values})`);
  }

  run(row: Value[]): void {
    this.statement.run(row.map((v, k) => (typeof v === 'string' && this.text[k] ? Buffer.from(v) : v)));
  }

  finalize(): void {
    this.statement.finalize();
  }
}

const text = (...names: string[]) => names.map((name) => ({ name, sql: 'TEXT' as const }));
const integer = (name: string) => ({ name, sql: 'INTEGER' as const });

/** booleans and numbers are INTEGER, strings TEXT, arrays and objects JSON text. */
function sqlType(type: string): 'INTEGER' | 'TEXT' {
  if (type === 'boolean' || type.startsWith('number')) return 'INTEGER';
  return 'TEXT';
}

function value(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function schema(columns: readonly SqliteColumn[]): string {
  const cols = columns.map((c) => `  ${quoteName(c.name)} ${sqlType(c.type)}${c.name === 'id' ? ' NOT NULL UNIQUE' : ''}`);
  return `
CREATE TABLE posts (
  rowid INTEGER PRIMARY KEY,
${cols.join(',\n')}
);
CREATE TABLE media (post TEXT NOT NULL REFERENCES posts(id), position INTEGER NOT NULL, path TEXT, mediaType TEXT, description TEXT, present INTEGER);
CREATE TABLE hashtags (post TEXT NOT NULL REFERENCES posts(id), name TEXT NOT NULL);
CREATE TABLE mentions (post TEXT NOT NULL REFERENCES posts(id), name TEXT NOT NULL, href TEXT);
CREATE TABLE edges (source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, published TEXT, post TEXT NOT NULL REFERENCES posts(id));
CREATE TABLE accounts (handle TEXT, actor TEXT, username TEXT, server TEXT, displayName TEXT, url TEXT, joined TEXT, archive TEXT, posts INTEGER);
CREATE TABLE relationships (kind TEXT NOT NULL, value TEXT NOT NULL, list TEXT, details TEXT);
CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT);
`;
}

/** Indexes and the full-text table come after the rows: building them once is faster than keeping them up per row. */
const FINISH = `
CREATE INDEX posts_published ON posts(published);
CREATE INDEX posts_type ON posts(type);
CREATE INDEX posts_visibility ON posts(visibility);
CREATE INDEX posts_language ON posts(language);
CREATE INDEX media_post ON media(post);
CREATE INDEX hashtags_post ON hashtags(post);
CREATE INDEX hashtags_name ON hashtags(name);
CREATE INDEX mentions_post ON mentions(post);
CREATE INDEX edges_kind ON edges(kind);
CREATE INDEX edges_target ON edges(target);
CREATE VIRTUAL TABLE posts_fts USING fts5(text, summary, content='posts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO posts_fts(posts_fts) VALUES('rebuild');
`;

/** One row per relationship: value is the account (user@domain), domain or status URI; details the row's settings as JSON. */
function relationshipRows(r: Relationships, p: Pseudonymizer | null): Array<[string, string, string | null, string | null]> {
  const acct = (a: string) => (p ? p.handle(a).replace(/^@/, '') : a);
  const rows: Array<[string, string, string | null, string | null]> = [];
  for (const f of r.following) rows.push(['following', acct(f.acct), null, JSON.stringify({ showBoosts: f.showBoosts, notify: f.notify, languages: f.languages })]);
  for (const f of r.followers) rows.push(['followers', acct(f.acct), null, null]);
  for (const l of r.lists) rows.push(['lists', acct(l.acct), l.list, null]);
  for (const b of r.blocks) rows.push(['blocks', acct(b.acct), null, null]);
  for (const m of r.mutes) rows.push(['mutes', acct(m.acct), null, JSON.stringify({ hideNotifications: m.hideNotifications })]);
  for (const d of r.domainBlocks) rows.push(['domainBlocks', p ? p.host(d.domain) : d.domain, null, null]);
  for (const b of r.bookmarks) rows.push(['bookmarks', p ? p.url(b.uri) : b.uri, null, null]);
  return rows;
}

async function fill(db: sqlite.Database, input: SqliteInput): Promise<Record<string, number>> {
  // A new file nobody else opens: no journal, no syncs, one lock held throughout (each lock is a mkdir in this VFS),
  // and a cache big enough that building the indexes and the full-text table does not read pages back from disk.
  db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;');
  db.exec(schema(input.columns));
  const names = input.columns.map((c) => c.name);
  const insertPost = new Insert(db, 'posts', input.columns.map((c) => ({ name: c.name, sql: sqlType(c.type) })));
  const insertMedia = new Insert(db, 'media', [...text('post'), integer('position'), ...text('path', 'mediaType', 'description'), integer('present')]);
  const insertTag = new Insert(db, 'hashtags', text('post', 'name'));
  const insertMention = new Insert(db, 'mentions', text('post', 'name', 'href'));
  const insertEdge = new Insert(db, 'edges', text('source', 'target', 'kind', 'published', 'post'));
  const inserts = [insertPost, insertMedia, insertTag, insertMention, insertEdge];
  const counts: Record<string, number> = { posts: 0, boosts: 0, media: 0, hashtags: 0, mentions: 0, edges: 0, relationships: 0 };
  const perArchive = new Map<string, number>();
  try {
    let inBatch = 0;
    db.exec('BEGIN');
    for (const { row, edges } of input.posts) {
      const id = row.id as string;
      insertPost.run(names.map((n) => value(row[n])));
      counts.posts!++;
      if (row.type === 'boost') counts.boosts!++;
      const archive = String(row.archive ?? '');
      perArchive.set(archive, (perArchive.get(archive) ?? 0) + 1);
      const media = (row.media ?? []) as Array<{ path: string | null; mediaType: string; description: string | null; present: boolean }>;
      media.forEach((m, k) => insertMedia.run([id, k, m.path, m.mediaType, m.description, m.present ? 1 : 0]));
      counts.media! += media.length;
      for (const tag of (row.hashtags ?? []) as string[]) insertTag.run([id, tag]);
      counts.hashtags! += ((row.hashtags ?? []) as string[]).length;
      for (const m of (row.mentions ?? []) as Array<{ name: string; href: string }>) insertMention.run([id, m.name, m.href]);
      counts.mentions! += ((row.mentions ?? []) as unknown[]).length;
      for (const e of edges) insertEdge.run([e.source, e.target, e.kind, e.published, e.post]);
      counts.edges! += edges.length;
      if (++inBatch >= BATCH) {
        db.exec('COMMIT; BEGIN');
        inBatch = 0;
      }
    }
    const account = db.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    try {
      for (const a of input.accounts) {
        account.run([a.handle, a.actor, a.username, a.server, a.displayName, a.url, a.joined, a.archive, perArchive.get(a.handle) ?? 0]);
      }
    } finally {
      account.finalize();
    }
    if (input.relationships) {
      const rel = db.prepare('INSERT INTO relationships VALUES (?, ?, ?, ?)');
      try {
        for (const r of relationshipRows(input.relationships, input.pseudonymizer)) rel.run(r);
        counts.relationships = relationshipRows(input.relationships, null).length;
      } finally {
        rel.finalize();
      }
    }
    db.exec('COMMIT');
  } finally {
    for (const insert of inserts) insert.finalize();
  }
  db.exec(`BEGIN; ${FINISH} COMMIT;`);
  const manifest = await input.manifest(counts);
  const put = db.prepare('INSERT INTO manifest VALUES (?, ?)');
  try {
    for (const [key, v] of Object.entries(manifest)) put.run([key, typeof v === 'string' ? v : JSON.stringify(v)]);
  } finally {
    put.finalize();
  }
  return counts;
}

/**
 * Writes the database to `file`, replacing it: rows go to FILE.partial first and it is renamed into place only
 * when complete, so a failed export never leaves a half-filled database under the name asked for.
 */
export async function writeSqlite(file: string, input: SqliteInput): Promise<Record<string, number>> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // Loaded here, not at the top: it compiles its WebAssembly on load (~30 ms), which every other command would pay.
  const { default: wasm } = await import('node-sqlite3-wasm');
  let db: sqlite.Database;
  try {
    db = new wasm.Database(partial);
  } catch (error) {
    throw new ArchiveError('io', `Cannot create the database ${file}: ${(error as Error).message}. Choose a path in a folder you can write to.`, file);
  }
  try {
    const counts = await fill(db, input);
    db.close();
    if (existsSync(file)) rmSync(file);
    renameSync(partial, file);
    return counts;
  } catch (error) {
    if (db.isOpen) db.close();
    rmSync(partial, { force: true });
    if (error instanceof ArchiveError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.syscall === 'string') {
      throw new ArchiveError('io', `Cannot write the database ${file}: ${e.code}. Choose a folder you can write to, with room to spare.`, file);
    }
    throw error;
  }
}
