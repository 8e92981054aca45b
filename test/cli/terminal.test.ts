// Issue 13 item 7: archive text reaches the terminal without its escape sequences. Display names, usernames,
// hashtags, post text and CSV problem lines carrying ESC]2; (retitle), ESC[2J (clear), BEL, CR and C1 CSI are
// printed as plain text by every command; a CSV problem quotes at most a short part of a 1 MB field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUOTE_MAX } from '../../main/engine/csv/rows.js';
import { makeAccount, makePost, writeArchive } from '../fixtures/archive-builder.js';
import { assertBuilt, runCli, type CliRun } from './run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'outbox-terminal-'));
const cacheDir = join(tmp, 'cache');
const TITLE = '\u001b]2;owned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const C1 = '\u009b31m';
const HOSTILE = `${TITLE}${CLEAR}Eve${C1}\rMallory`;
let archive: string;
let csv: string;

beforeAll(async () => {
  assertBuilt();
  const account = makeAccount({ host: 'example.social', username: 'eve', displayName: HOSTILE, bio: `<p>${HOSTILE}</p>` });
  const items = [
    makePost({ account, published: '2024-03-01T10:00:00Z', text: `hello ${CLEAR} world #tag${'\u001b'}x`, visibility: 'public', hashtags: [`evil${TITLE}`] }),
    makePost({ account, published: '2024-03-02T10:00:00Z', text: 'second hello', visibility: 'public' }),
  ];
  archive = await writeArchive({ version: '4.4', account, items }, join(tmp, 'a'), { container: 'zip' });
  csv = join(tmp, 'following_accounts.csv');
  writeFileSync(csv, `Account address,Show boosts\r\nok@example.social,true\r\n${CLEAR}bad${TITLE}@,true\r\n${'x'.repeat(1_000_000)},true\r\n`);
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function expectPlain(run: CliRun, what: string): void {
  expect(run.code, `${what}: ${run.stderr}`).toBe(0);
  for (const [name, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
    const bad = [...text].findIndex((c) => CONTROL.test(c));
    expect(bad, `${what} ${name} has a control character near ${JSON.stringify(text.slice(Math.max(0, bad - 20), bad + 20))}`).toBe(-1);
  }
}

describe('terminal escapes', () => {
  it('summary, search and stats print archive text without control characters', async () => {
    const summary = await runCli(['summary', archive, csv], { cacheDir });
    expectPlain(summary, 'summary');
    expect(summary.stdout).toContain('Eve31mMallory'); // the words stay, the controls go
    const search = await runCli(['search', archive, 'hello'], { cacheDir });
    expectPlain(search, 'search');
    expect(search.stdout).toContain('world');
    const stats = await runCli(['stats', archive], { cacheDir });
    expectPlain(stats, 'stats');
  }, 60_000);

  it('cuts a quoted CSV field: a 1 MB value is not repeated in the problem line', async () => {
    const run = await runCli(['summary', archive, csv], { cacheDir });
    expectPlain(run, 'summary');
    const problems = run.stderr.split('\n').filter((l) => l.includes('following_accounts.csv:'));
    expect(problems.length).toBe(2);
    for (const line of problems) expect(line.length).toBeLessThan(200 + QUOTE_MAX);
    expect(run.stderr).toContain(`"${'x'.repeat(QUOTE_MAX)}…" is not an account address`);
  }, 60_000);

  it('keeps --json exact: control characters stay, escaped as JSON does', async () => {
    const run = await runCli(['summary', archive, '--json'], { cacheDir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b/);
    expect(JSON.parse(run.stdout).profile.displayName).toBe(HOSTILE);
  }, 60_000);
});
