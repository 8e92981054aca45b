// `outbox export` as a user runs it: JSONL and CSV (parsed by an RFC 4180 reader here) with the stable schema.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FIELDS, type ExportRow } from '../../main/engine/rows/export-schema.js';
import { generatePosts, writeArchive, type Truth } from '../fixtures/archive-builder.js';
import { assertBuilt, cliPath, runCli, sample } from './run-cli.js';

const NAMES = EXPORT_FIELDS.map((f) => f.name);

/** RFC 4180: records end in CRLF; quoted fields may hold commas, CR, LF and doubled quotes. Strict: throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text.slice(i, i + 5))}`);
    }
  }
  if (row.length) throw new Error('last record does not end in CRLF');
  return rows;
}

function checkTypes(row: ExportRow): void {
  expect(Object.keys(row)).toEqual(NAMES);
  expect(typeof row.id).toBe('string');
  expect(['post', 'boost']).toContain(row.type);
  expect(['public', 'unlisted', 'private', 'direct']).toContain(row.visibility);
  expect(Number.isNaN(Date.parse(row.published))).toBe(false);
  expect(typeof row.sensitive).toBe('boolean');
  expect(typeof row.text).toBe('string');
  expect(typeof row.html).toBe('string');
  expect(Array.isArray(row.media) && Array.isArray(row.hashtags) && Array.isArray(row.mentions)).toBe(true);
  for (const m of row.media) expect(Object.keys(m)).toEqual(['path', 'mediaType', 'description', 'present']);
  if (row.type === 'boost') expect(typeof row.boostOf).toBe('string');
}

let temp: string;
let zip: string;
let truth: Truth;
let jsonl: ExportRow[];

beforeAll(async () => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-cli-export-'));
  const generated = generatePosts(600, 23);
  truth = generated.truth;
  zip = await writeArchive(generated.spec, temp, { container: 'zip' });
  const run = await runCli(['export', zip, '--format', 'jsonl', '--no-cache']);
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines.pop()).toBe('');
  jsonl = lines.map((line) => JSON.parse(line) as ExportRow);
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('outbox export --format jsonl', () => {
  it('writes one JSON object per item, every schema key, the true counts', () => {
    expect(jsonl).toHaveLength(truth.items);
    for (const row of jsonl) checkTypes(row);
    expect(jsonl.filter((r) => r.type === 'boost')).toHaveLength(truth.boosts);
    expect(jsonl.filter((r) => r.type === 'post' && r.inReplyTo !== null)).toHaveLength(truth.replies);
    expect(jsonl.filter((r) => r.type === 'post' && r.media.length > 0)).toHaveLength(truth.withMedia);
    expect(jsonl.filter((r) => r.poll !== null)).toHaveLength(truth.polls);
    expect(jsonl.filter((r) => r.type === 'post' && r.summary !== null)).toHaveLength(truth.cw);
    expect(new Set(jsonl.map((r) => r.id)).size).toBe(truth.items);
    // oldest first
    const times = jsonl.map((r) => Date.parse(r.published));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('carries the popularity totals a 4.3+ archive writes, at the end of the schema; null for boosts', () => {
    expect(NAMES.slice(-4)).toEqual(['likesCount', 'boostsCount', 'repliesCount', 'deleted']);
    expect(jsonl.every((r) => r.deleted === false)).toBe(true); // a Mastodon archive keeps no deleted posts
    const posts = jsonl.filter((r) => r.type === 'post');
    expect(posts.every((r) => typeof r.likesCount === 'number' && typeof r.boostsCount === 'number')).toBe(true);
    expect(posts.some((r) => r.likesCount! > 0) && posts.some((r) => r.boostsCount! > 0)).toBe(true);
    for (const r of jsonl.filter((row) => row.type === 'boost')) expect([r.likesCount, r.boostsCount, r.repliesCount]).toEqual([null, null, null]);
  });

  it('writes the same bytes to --out FILE', async () => {
    const out = join(temp, 'posts.jsonl');
    const run = await runCli(['export', zip, '--format', 'jsonl', '--out', out, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\n').slice(0, -1).map((l) => JSON.parse(l))).toEqual(jsonl);
  });

  it('stops quietly when the reader of the pipe goes away', () => {
    const first = execFileSync('sh', ['-c', `"${process.execPath}" "${cliPath}" export "${zip}" --format jsonl --no-cache 2>"${join(temp, 'err')}" | head -n 1`]);
    expect(JSON.parse(first.toString()).id).toBe(jsonl[0]!.id);
    expect(readFileSync(join(temp, 'err'), 'utf8')).toBe('');
  });
});

describe('outbox export --format csv', () => {
  it('writes an RFC 4180 file: header = schema, one row per item, the same data as JSONL', async () => {
    const out = join(temp, 'posts.csv');
    const run = await runCli(['export', zip, '--format', 'csv', '--out', out, '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false); // no BOM
    const text = bytes.toString('utf8');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(NAMES);
    expect(rows).toHaveLength(truth.items + 1);
    rows.slice(1).forEach((cells, i) => {
      expect(cells).toHaveLength(NAMES.length);
      const expected = jsonl[i]!;
      const cell = (name: keyof ExportRow) => cells[NAMES.indexOf(name)]!;
      // a cell a spreadsheet would run as a formula (= + - @ tab CR first) is written behind a ' (OWASP); a bare
      // handle ("@user@server", nothing else) cannot carry one and stays as written
      const plain = (text: string) => (/^[=+\-@\t\r]/.test(text) && !/^@[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+$/.test(text) ? `'${text}` : text);
      expect(cell('id')).toBe(plain(expected.id));
      expect(cell('text')).toBe(plain(expected.text));
      expect(cell('html')).toBe(plain(expected.html));
      expect(cell('summary')).toBe(plain(expected.summary ?? ''));
      expect(cell('archive')).toBe(plain(expected.archive));
      expect(cell('sensitive')).toBe(String(expected.sensitive));
      expect(JSON.parse(cell('media'))).toEqual(expected.media);
      expect(JSON.parse(cell('hashtags'))).toEqual(expected.hashtags);
      expect(JSON.parse(cell('mentions'))).toEqual(expected.mentions);
      expect(cell('poll') === '' ? null : JSON.parse(cell('poll'))).toEqual(expected.poll);
    });
    // the archive's text has the characters that need quoting, so the test above exercised them
    expect(jsonl.some((r) => /[",\n]/.test(r.text) || /"/.test(r.html))).toBe(true);
    // and posts that start with a mention, which the formula rule covers
    expect(jsonl.some((r) => r.text.startsWith('@'))).toBe(true);
  });

  it('exports the real 3.5 sample: 207 rows to stdout', async () => {
    const run = await runCli(['export', sample, '--format', 'csv', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const rows = parseCsv(run.stdout);
    expect(rows[0]).toEqual(NAMES);
    expect(rows).toHaveLength(208);
  });
});
