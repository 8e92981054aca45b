// The values writeSqlite stores, read back by sqlite3 itself: each with the type its column documents, text exactly
// as given (any script, emoji, quotes), numbers as numbers, absent values NULL, whatever way they were bound.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSqlite, type SqlitePost } from '../../../main/engine/export/sqlite.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-sqlite-values-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const query = (db: string, sql: string): Array<Record<string, unknown>> =>
  JSON.parse(execFileSync('/usr/bin/sqlite3', ['-json', db, sql]).toString().trim() || '[]') as Array<Record<string, unknown>>;

const COLUMNS = [
  { name: 'id', type: 'string' }, { name: 'type', type: 'string' }, { name: 'published', type: 'string' },
  { name: 'text', type: 'string' }, { name: 'summary', type: 'string | null' }, { name: 'language', type: 'string | null' },
  { name: 'visibility', type: 'string' }, { name: 'sensitive', type: 'boolean' }, { name: 'likesCount', type: 'number | null' },
  { name: 'hashtags', type: 'string[]' }, { name: 'media', type: 'object[]' }, { name: 'mentions', type: 'object[]' },
];

const TEXTS = ['plain', 'Grüße, ça va? ¿Qué tal?', 'مرحبا بالعالم', '日本語のテキスト', 'emoji 🦣🐘 and "quotes" \'single\' ; DROP TABLE posts; --', ''];

function post(k: number): SqlitePost {
  const text = TEXTS[k % TEXTS.length]!;
  return {
    row: {
      id: `https://example.social/users/sam/statuses/${k}`, type: 'post', published: `2024-01-0${(k % 9) + 1}T10:00:00Z`, text,
      summary: k % 2 ? `CW ${text}` : null, language: k % 3 ? 'de' : null, visibility: 'public', sensitive: k % 2 === 1,
      likesCount: k % 4 ? k * 1000 : null, hashtags: [`tag${k}`, 'ümlaut'], mentions: [{ name: '@ann@example.social', href: 'https://example.social/@ann' }],
      media: k % 2 ? [{ path: `media_attachments/${k}.png`, mediaType: 'image/png', description: `alt ${text}`, present: true }] : [],
    },
    edges: [{ source: '@sam@example.social', target: '@ann@example.social', kind: 'mention', published: '2024-01-01T10:00:00Z', post: `https://example.social/users/sam/statuses/${k}` }],
  };
}

describe('writeSqlite values', () => {
  it('stores every value with its column\'s type and its exact text, and finds it through the full-text table', async () => {
    const db = join(tmp, 'values.sqlite');
    const posts = Array.from({ length: 2500 }, (_, k) => post(k)); // past one transaction's batch
    const counts = await writeSqlite(db, {
      columns: COLUMNS, posts, accounts: [], relationships: null, pseudonymizer: null,
      manifest: async () => ({ outbox: 'test' }) as never,
    });
    expect(counts).toMatchObject({ posts: 2500, media: 1250, hashtags: 5000, mentions: 2500, edges: 2500 });
    const rows = query(db, 'SELECT rowid, id, typeof(id) ti, text, typeof(text) tt, summary, typeof(summary) ts, sensitive, typeof(sensitive) tb, likesCount, typeof(likesCount) tl, hashtags, media FROM posts ORDER BY rowid');
    expect(rows).toHaveLength(2500);
    rows.forEach((r, k) => {
      const { row } = post(k);
      expect(r).toEqual({
        rowid: k + 1, id: row.id, ti: 'text', text: row.text, tt: 'text', summary: row.summary, ts: row.summary === null ? 'null' : 'text',
        sensitive: row.sensitive ? 1 : 0, tb: 'integer', likesCount: row.likesCount, tl: row.likesCount === null ? 'null' : 'integer',
        hashtags: JSON.stringify(row.hashtags), media: JSON.stringify(row.media),
      });
    });
    expect(query(db, "SELECT count(*) n FROM media WHERE typeof(path) = 'text' AND typeof(position) = 'integer' AND present = 1 AND description LIKE 'alt %'")).toEqual([{ n: 1250 }]);
    expect(query(db, "SELECT DISTINCT name, typeof(name) t FROM hashtags WHERE name = 'ümlaut'")).toEqual([{ name: 'ümlaut', t: 'text' }]);
    expect(query(db, "SELECT count(*) n FROM edges WHERE kind = 'mention' AND target = '@ann@example.social'")).toEqual([{ n: 2500 }]);
    const found = posts.filter((p) => /日本語|Grüße/.test(p.row.text as string)).length;
    expect(query(db, "SELECT count(*) n FROM posts_fts WHERE posts_fts MATCH 'мир OR 日本語のテキスト OR mammoth OR Grüße'")).toEqual([{ n: found }]);
  });
});
