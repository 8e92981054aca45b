// The RFC 4180 reader: quoting, line ends, BOM, line numbers, and recovery from malformed records.
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../../main/engine/csv/parse.js';

const plain = (text: string) => parseCsv(text).map((r) => [r.line, r.fields, r.error ?? null]);

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping each record\'s first line', () => {
    const text = 'a,"b, c","say ""hi"""\n"multi\nline\r\nfield",x\nlast,"",\n';
    expect(plain(text)).toEqual([
      [1, ['a', 'b, c', 'say "hi"'], null],
      [2, ['multi\nline\r\nfield', 'x'], null],
      [5, ['last', '', ''], null],
    ]);
  });

  it('treats CRLF, LF and a lone CR as line ends, drops a BOM and skips blank lines', () => {
    expect(plain('\uFEFFa,b\r\n\r\nc,d\re,f\n\n  \ng')).toEqual([
      [1, ['a', 'b'], null],
      [3, ['c', 'd'], null],
      [4, ['e', 'f'], null],
      [7, ['g'], null],
    ]);
  });

  it('reports an unterminated quote at its line and reads on from the next line', () => {
    const records = parseCsv('ok@a.social,true\n"broken@a.social,true\nfine@b.social,false\n');
    expect(records.map((r) => [r.line, r.error ?? null])).toEqual([
      [1, null],
      [2, 'a quoted field is never closed (unterminated quote)'],
      [3, null],
    ]);
    expect(records[2]!.fields).toEqual(['fine@b.social', 'false']);
  });

  it('marks text after a closing quote and a quote inside an unquoted field, and goes on', () => {
    const records = parseCsv('"a"b,c\nx"y,z\n"fine",1\n');
    expect(records.map((r) => [r.line, r.error ?? null])).toEqual([
      [1, 'text follows a closing quote'],
      [2, 'a quote inside an unquoted field'],
      [3, null],
    ]);
    expect(records[2]!.fields).toEqual(['fine', '1']);
  });

  it('counts lines inside a quoted field so later records keep their real line numbers', () => {
    const records = parseCsv('"one\r\ntwo\nthree",x\r\nnext,y');
    expect(records.map((r) => r.line)).toEqual([1, 4]);
  });

  it('decodes UTF-8 with a BOM, UTF-16 with a BOM, and falls back to Latin-1', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoë,ok\n')]);
    expect(parseCsv(decodeCsvBytes(utf8))[0]!.fields).toEqual(['Zoë', 'ok']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë,ok\n', 'utf16le')]);
    expect(parseCsv(decodeCsvBytes(utf16))[0]!.fields).toEqual(['Zoë', 'ok']);
    expect(decodeCsvBytes(Buffer.from([0x5a, 0x6f, 0xeb]))).toBe('Zoë');
  });
});

describe('parseCsv and stray quotes', () => {
  it('a quote that spans lines and closes mid-field is a stray opening quote: the rows it spans still load', () => {
    const records = parseCsv('"frank@a.social,true,false,\ngina@a.social,true,false,"pt, de"\nhal@a.social,true\n');
    expect(records.map((r) => [r.line, r.error ?? null, r.fields])).toEqual([
      [1, 'a quoted field is never closed (unterminated quote)', []],
      [2, null, ['gina@a.social', 'true', 'false', 'pt, de']],
      [3, null, ['hal@a.social', 'true']],
    ]);
  });
});
