// `--lang` on a published export (html, md) names the language of the site's own words (issue 11); elsewhere it
// still filters posts by language.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, root, runCli } from './run-cli.js';

const demo = join(root, 'dist', 'demo', 'demo-archive.zip');
let temp: string;

beforeAll(() => {
  assertBuilt();
  temp = mkdtempSync(join(tmpdir(), 'outbox-site-lang-'));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const postPages = (site: string) => readdirSync(join(site, 'posts')).length;

describe('outbox export --format html --lang', () => {
  it('writes the site in German and keeps every post (no language filter)', async () => {
    const english = join(temp, 'en');
    const german = join(temp, 'de');
    expect((await runCli(['export', demo, '--format', 'html', '--out', english, '--no-cache'])).code).toBe(0);
    const run = await runCli(['export', demo, '--format', 'html', '--out', german, '--lang', 'de', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    const index = readFileSync(join(german, 'index.html'), 'utf8');
    expect(index).toMatch(/<html[^>]* lang="de"/);
    expect(index).toContain('Monate');
    expect(postPages(german)).toBe(postPages(english));
  });

  it('mirrors the site in Arabic and maps a regional tag to its catalogue', async () => {
    const arabic = join(temp, 'ar');
    const run = await runCli(['export', demo, '--format', 'html', '--out', arabic, '--lang', 'ar-EG', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(arabic, 'index.html'), 'utf8')).toMatch(/<html[^>]* dir="rtl"/);
  });

  it('falls back to English for a language the site has no words in, and says so', async () => {
    const korean = join(temp, 'ko');
    const run = await runCli(['export', demo, '--format', 'html', '--out', korean, '--lang', 'ko', '--no-cache']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/no words in "ko"/);
    expect(readFileSync(join(korean, 'index.html'), 'utf8')).toMatch(/<html[^>]* lang="en"/);
  });

  it('still filters by language on the data formats', async () => {
    const all = await runCli(['export', demo, '--format', 'jsonl', '--no-cache']);
    const german = await runCli(['export', demo, '--format', 'jsonl', '--lang', 'de', '--no-cache']);
    const rows = german.stdout.trim().split('\n').map((l) => JSON.parse(l) as { language: string | null });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.stdout.trim().split('\n').length);
    expect(rows.every((r) => r.language === 'de')).toBe(true);
  });
});
