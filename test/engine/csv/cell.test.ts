// The one CSV cell writer: RFC 4180 quoting and spreadsheet formula neutralizing (OWASP CSV injection), for every CSV.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord } from '../../../main/engine/csv/cell.js';
import { csvExportFromText } from '../../../main/engine/csv/read-export.js';
import { toMastodonCsv } from '../../../main/engine/csv/write-export.js';
import { csvHeader, rowLine } from '../../../main/engine/rows/post-rows.js';
import { makePost } from '../../fixtures/make-post.js';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('neutralizes %j as a formula start', (text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  it('keeps a bare handle as written, and neutralizes anything more behind an @', () => {
    expect(csvCell('@sam@example.social')).toBe('@sam@example.social');
    expect(csvCell('@sam@example.social hello')).toBe("'@sam@example.social hello");
    expect(csvCell('@x@evil.example(1)')).toBe("'@x@evil.example(1)");
    expect(csvCell('@everyone')).toBe("'@everyone");
  });

  it('leaves other text, numbers and booleans as they are, quoting only when it must', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['-x'])).toBe('"[""-x""]"');
    expect(csvRecord(['a', 'b'], '\n')).toBe('a,b\n');
  });
});

describe('every CSV goes through it', () => {
  it('a post whose text starts a formula is written behind a quote in the post export', () => {
    const post = makePost(1, { text: '=cmd|" /C calc"!A0', summary: '@everyone' });
    const line = rowLine('csv', post, '@sam@example.social');
    expect(line).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(line).toContain(",'@everyone,");
    // the account column is a bare handle: no formula can ride in one, so it stays as written for Gephi, pandas and R
    expect(line).toContain(',@sam@example.social,');
    expect(csvHeader().startsWith('id,url,type,')).toBe(true);
  });

  it('the relationships written again neutralize an account like =x@evil.example', () => {
    const read = csvExportFromText('Account address\n=x@evil.example\nok@good.example\n', 'followers.csv');
    // however the reader takes it, the file written for Mastodon never holds a live formula
    const written = toMastodonCsv('followers', read.rows as Array<{ acct: string }>);
    expect(written).not.toMatch(/^=/m);
    expect(written).toMatch(/^ok@good\.example$/m);
    expect(toMastodonCsv('lists', [{ list: '+Friends', acct: 'a@x.social' }])).toBe("'+Friends,a@x.social\n");
    expect(toMastodonCsv('blocks', [{ acct: '=x@evil.example' }])).toBe("'=x@evil.example\n");
  });
});
