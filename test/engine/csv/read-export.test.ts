// readCsvExport on the real Mastodon export and on generated files of every kind, shape and breakage.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvExport } from '../../../main/engine/csv/kinds.js';
import { csvExportFromText, findCsvBeside, isCsvExportFile, readCsvExport } from '../../../main/engine/csv/read-export.js';
import { ArchiveError } from '../../../main/engine/errors.js';

import { SAMPLES } from '../../samples.js';
const SAMPLE = join(SAMPLES, 'csv/following_accounts.csv');
const tmp = mkdtempSync(join(tmpdir(), 'outbox-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes text as a file (optionally with a BOM and CRLF line ends) and reads it back. */
async function read(name: string, text: string, options: { bom?: boolean; crlf?: boolean } = {}): Promise<CsvExport> {
  const dir = mkdtempSync(join(tmp, 'f-'));
  const body = options.crlf ? text.replace(/\n/g, '\r\n') : text;
  writeFileSync(join(dir, name), (options.bom ? '\uFEFF' : '') + body);
  return readCsvExport(join(dir, name));
}

const VARIANTS = [{}, { bom: true }, { crlf: true }, { bom: true, crlf: true }];

describe('the real following_accounts.csv (Mastodon 4.x)', () => {
  it('loads all 797 follows with the 4-column header, booleans and empty languages', async () => {
    const e = await readCsvExport(SAMPLE);
    expect(e.kind).toBe('following');
    expect(e.header).toBe(true);
    expect(e.problems).toEqual([]);
    expect(e.notes).toEqual([]);
    expect(e.rows).toHaveLength(797);
    const lines = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n').slice(1);
    expect(e.kind === 'following' && e.rows.map((r) => r.acct)).toEqual(lines.map((l) => l.split(',')[0]));
    if (e.kind !== 'following') return;
    expect(e.rows[0]).toEqual({ acct: '_delta_zero@infosec.exchange', showBoosts: true, notify: false, languages: [] });
    expect(e.rows.at(-1)).toEqual({ acct: 'zeroSteiner@infosec.exchange', showBoosts: true, notify: false, languages: [] });
    expect(e.rows.every((r) => r.languages.length === 0)).toBe(true);
    expect(e.rows.filter((r) => !r.showBoosts).length).toBe(lines.filter((l) => l.split(',')[1] === 'false').length);
    expect(e.rows.filter((r) => r.notify).length).toBe(lines.filter((l) => l.split(',')[2] === 'true').length);
  });
});

describe('generated exports of every kind', () => {
  it.each(VARIANTS)('following with languages, quoted cells and broken rows %o', async (v) => {
    const e = await read('following_accounts.csv', [
      'Account address,Show boosts,Notify on new posts,Languages',
      'alice@example.social,true,false,"en, de"',
      '"@bob@other.example",false,true,fr',
      'carol@example.social,true,false,',
      'not-an-account,true,false,',
      'dave@example.social,maybe,false,',
      'erin@example.social,true,false',
      '"frank@example.social,true,false,',
      'gina@example.social,TRUE,False,"pt-BR, zh-CN"',
      '',
    ].join('\n'), v);
    expect(e.kind).toBe('following');
    expect(e.rows).toEqual([
      { acct: 'alice@example.social', showBoosts: true, notify: false, languages: ['en', 'de'] },
      { acct: 'bob@other.example', showBoosts: false, notify: true, languages: ['fr'] },
      { acct: 'carol@example.social', showBoosts: true, notify: false, languages: [] },
      { acct: 'gina@example.social', showBoosts: true, notify: false, languages: ['pt-BR', 'zh-CN'] },
    ]);
    expect(e.problems).toEqual([
      { line: 5, reason: '"not-an-account" is not an account address like user@example.social' },
      { line: 6, reason: 'Show boosts is "maybe", not true or false' },
      { line: 7, reason: '3 columns where this file has 4' },
      { line: 8, reason: 'a quoted field is never closed (unterminated quote)' },
    ]);
    expect(e.notes).toEqual(['4 rows of following_accounts.csv could not be read and were left out; the other 4 follows loaded.']);
  });

  it('following with the 2-column header of Mastodon 2.8, and Friendica\'s "Account address, Show boosts"', async () => {
    const old = await read('following_accounts.csv', 'Account address,Show boosts\na@x.social,false\nb@y.social,true\n');
    expect(old.kind).toBe('following');
    expect(old.rows).toEqual([
      { acct: 'a@x.social', showBoosts: false, notify: false, languages: [] },
      { acct: 'b@y.social', showBoosts: true, notify: false, languages: [] },
    ]);
    const friendica = await read('wren-contacts.csv', 'Account address, Show boosts\nwren@friendica.example, true\nkit@m.example, false\n', { crlf: true });
    expect(friendica.kind).toBe('following');
    expect(friendica.rows).toEqual([
      { acct: 'wren@friendica.example', showBoosts: true, notify: false, languages: [] },
      { acct: 'kit@m.example', showBoosts: false, notify: false, languages: [] },
    ]);
  });

  it.each(VARIANTS)('GoToSocial followers ("Account address" alone) %o', async (v) => {
    const e = await read('followers.csv', 'Account address\na@gts.example\nb@gts.example\nbroken\n', v);
    expect(e.kind).toBe('followers');
    expect(e.rows).toEqual([{ acct: 'a@gts.example' }, { acct: 'b@gts.example' }]);
    expect(e.problems).toEqual([{ line: 4, reason: '"broken" is not an account address like user@example.social' }]);
  });

  it.each(VARIANTS)('mutes with hide-notifications %o', async (v) => {
    const e = await read('muted_accounts.csv', 'Account address,Hide notifications\nloud@a.example,true\nquiet@b.example,false\nodd@c.example,yes\n', v);
    expect(e.kind).toBe('mutes');
    expect(e.rows).toEqual([
      { acct: 'loud@a.example', hideNotifications: true },
      { acct: 'quiet@b.example', hideNotifications: false },
    ]);
    expect(e.problems).toEqual([{ line: 4, reason: 'Hide notifications is "yes", not true or false' }]);
  });

  it.each(VARIANTS)('lists: headerless title,acct with quoted titles %o', async (v) => {
    const e = await read('lists.csv', 'Friends,a@x.social\n"Work, mostly",b@y.social\n"The ""good"" list",@c@z.social\nFriends,d@x.social\n,e@x.social\nFriends,nobody\n', v);
    expect(e.kind).toBe('lists');
    expect(e.header).toBe(false);
    expect(e.rows).toEqual([
      { list: 'Friends', acct: 'a@x.social' },
      { list: 'Work, mostly', acct: 'b@y.social' },
      { list: 'The "good" list', acct: 'c@z.social' },
      { list: 'Friends', acct: 'd@x.social' },
    ]);
    expect(e.problems).toEqual([
      { line: 5, reason: 'the list title is empty' },
      { line: 6, reason: '"nobody" is not an account address like user@example.social' },
    ]);
  });

  it.each(VARIANTS)('blocks: one column of accounts, a leading @ allowed %o', async (v) => {
    const e = await read('blocked_accounts.csv', 'spam@bad.example\n@troll@worse.example\nspam@bad.example,extra\nno at all\n', v);
    expect(e.kind).toBe('blocks');
    expect(e.rows).toEqual([{ acct: 'spam@bad.example' }, { acct: 'troll@worse.example' }]);
    expect(e.problems).toEqual([
      { line: 3, reason: '2 columns where this file has 1' },
      { line: 4, reason: '"no at all" is not an account address like user@example.social' },
    ]);
    expect(e.notes.filter((n) => n.includes('no header'))).toEqual([]);
  });

  it.each(VARIANTS)('domain blocks: one column of hostnames %o', async (v) => {
    const e = await read('blocked_domains.csv', 'bad.example\nsub.worse.example\nnot a domain\nhttps://x.example/\nxn--bcher-kva.example\n', v);
    expect(e.kind).toBe('domainBlocks');
    expect(e.rows).toEqual([{ domain: 'bad.example' }, { domain: 'sub.worse.example' }, { domain: 'xn--bcher-kva.example' }]);
    expect(e.problems).toEqual([
      { line: 3, reason: '"not a domain" is not a domain like example.social' },
      { line: 4, reason: '"https://x.example/" is not a domain like example.social' },
    ]);
  });

  it.each(VARIANTS)('bookmarks: one column of http(s) status URIs %o', async (v) => {
    const e = await read('bookmarks.csv', 'https://a.example/users/x/statuses/1\nhttp://b.example/notes/9\nftp://c.example/1\nhttps://a.example/users/y/statuses/2\n', v);
    expect(e.kind).toBe('bookmarks');
    expect(e.rows.map((r) => ('uri' in r ? r.uri : ''))).toEqual([
      'https://a.example/users/x/statuses/1', 'http://b.example/notes/9', 'https://a.example/users/y/statuses/2',
    ]);
    expect(e.problems).toEqual([{ line: 3, reason: '"ftp://c.example/1" is not an http(s) address of a post' }]);
  });
});

describe('kind detection when the content is ambiguous', () => {
  const accts = '@one@misskey.example\n@two@misskey.example\n';

  it('a column of accounts named like a following list is follows (Misskey), and says so', async () => {
    const e = await read('following-2024-05-01.csv', accts);
    expect(e.kind).toBe('following');
    expect(e.rows).toEqual([
      { acct: 'one@misskey.example', showBoosts: true, notify: false, languages: [] },
      { acct: 'two@misskey.example', showBoosts: true, notify: false, languages: [] },
    ]);
    expect(e.notes).toEqual(['following-2024-05-01.csv has one column of accounts and no header: read as follows because of its name.']);
  });

  it('named like mutes it is mutes with notifications hidden; unnamed it is blocks, with a note', async () => {
    const mutes = await read('mutes.csv', accts);
    expect(mutes.kind).toBe('mutes');
    expect(mutes.rows).toEqual([
      { acct: 'one@misskey.example', hideNotifications: true },
      { acct: 'two@misskey.example', hideNotifications: true },
    ]);
    const unknown = await read('export.csv', accts);
    expect(unknown.kind).toBe('blocks');
    expect(unknown.notes[0]).toMatch(/read as blocked accounts.*Misskey writes its following list the same way/);
  });

  it('the name never overrides clear content', async () => {
    const e = await read('following_accounts.csv', 'bad.example\nworse.example\n');
    expect(e.kind).toBe('domainBlocks');
  });

  it('most of the first rows decide, so a broken first row does not', async () => {
    const e = await read('x.csv', 'garbage line\na.example\nb.example\n');
    expect(e.kind).toBe('domainBlocks');
    expect(e.problems).toEqual([{ line: 1, reason: '"garbage line" is not a domain like example.social' }]);
  });

  it('an empty export is that export when its name says which, else an error', async () => {
    const empty = await read('blocked_accounts.csv', '');
    expect([empty.kind, empty.rows]).toEqual(['blocks', []]);
    await expect(read('x.csv', '')).rejects.toMatchObject({ code: 'empty' });
  });

  it('a CSV of another kind (outbox export\'s own) is refused, naming the file', async () => {
    const error = await read('posts.csv', 'id,url,type,published\nhttps://a/1,,post,2024\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveError);
    expect(error).toMatchObject({ code: 'not-archive' });
    expect((error as Error).message).toContain('posts.csv is not a CSV export Outbox knows');
  });

  it('a missing file is not-found', async () => {
    await expect(readCsvExport(join(tmp, 'nope.csv'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('text given directly reads the same as the file', () => {
    const e = csvExportFromText('Account address,Hide notifications\r\nm@x.example,false\r\n', 'muted_accounts.csv');
    expect([e.kind, e.rows]).toEqual(['mutes', [{ acct: 'm@x.example', hideNotifications: false }]]);
  });
});

describe('finding and sniffing CSV exports', () => {
  it('findCsvBeside lists Mastodon\'s and GoToSocial\'s names in the archive\'s folder, and inside an unpacked one', async () => {
    const dir = join(tmp, 'beside');
    mkdirSync(join(dir, 'archive-folder'), { recursive: true });
    for (const name of [
      'archive-20240601-abc.zip', 'following_accounts.csv', 'blocked_accounts (1).csv', 'muted_accounts.csv', 'lists.csv',
      'blocked_domains.csv', 'bookmarks.csv', 'followers.csv', 'mutes.csv', 'posts.csv', 'notes.txt', 'following.csv.bak',
    ]) writeFileSync(join(dir, name), 'x');
    writeFileSync(join(dir, 'archive-folder', 'blocks.csv'), 'x');
    mkdirSync(join(dir, 'lists.csv.d'));
    expect(await findCsvBeside(join(dir, 'archive-20240601-abc.zip'))).toEqual([
      'blocked_accounts (1).csv', 'blocked_domains.csv', 'bookmarks.csv', 'followers.csv', 'following_accounts.csv', 'lists.csv',
      'muted_accounts.csv', 'mutes.csv',
    ].map((n) => join(dir, n)));
    expect(await findCsvBeside(join(dir, 'archive-folder'))).toContain(join(dir, 'archive-folder', 'blocks.csv'));
    expect(await findCsvBeside(join(tmp, 'no-such-dir', 'a.zip'))).toEqual([]);
  });

  it('isCsvExportFile tells CSV exports from archives by content', async () => {
    const dir = join(tmp, 'sniff');
    mkdirSync(dir, { recursive: true });
    const files: Record<string, string | Buffer> = {
      'follows.txt': 'Account address,Show boosts\na@b.example,true\n',
      'blocks-no-ext': '@a@b.example\n',
      'bookmarks-no-ext': 'https://a.example/users/x/statuses/1\n',
      'renamed.csv': 'anything at all',
      'zip-named.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]),
      'archive.tar.gz': Buffer.from([0x1f, 0x8b, 8, 0]),
      'readme': 'Hello, this is not an export.\n',
      'outbox.json': '{"type":"OrderedCollection"}',
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    const verdicts = Object.fromEntries(await Promise.all(Object.keys(files).map(async (n) => [n, await isCsvExportFile(join(dir, n))])));
    expect(verdicts).toEqual({
      'follows.txt': true, 'blocks-no-ext': true, 'bookmarks-no-ext': true, 'renamed.csv': true, 'zip-named.csv': false,
      'archive.tar.gz': false, readme: false, 'outbox.json': false,
    });
    expect(await isCsvExportFile(dir)).toBe(false);
    expect(await isCsvExportFile(join(dir, 'missing.csv'))).toBe(false);
  });
});
