import { describe, expect, it } from 'vitest';
import { SEG, SEG_CLASS, SEP, WORD, WORD_CLASS, classAt, fold, foldWithMap, tokenize } from '../../../main/engine/search/fold.js';

function tokens(text: string): string[] {
  const f = fold(text);
  const out: string[] = [];
  tokenize(f, { word: (s, cut) => out.push(f.slice(s, cut)), seg: (s, e) => out.push(`[${f.slice(s, e)}]`) });
  return out;
}

describe('fold', () => {
  it('folds case and diacritics', () => {
    expect(fold('Bäckerei')).toBe('backerei');
    expect(fold('CAFÉ crème brûlée')).toBe('cafe creme brulee');
    expect(fold('Ελληνικά ΣΟΦΟΣ')).toBe('ελληνικα σοφοσ');
    expect(fold('Straße Łódź Øre Æble')).toBe('strasse lodz ore aeble');
    expect(fold('ＦＵＬＬ ｗｉｄｔｈ')).toBe('full width');
    expect(fold('e\u0301te\u0301')).toBe('ete'); // decomposed accents
  });

  it('keeps CJK and Hangul whole, normalizes half-width katakana', () => {
    expect(fold('東京タワー')).toBe('東京タワー');
    expect(fold('한국어')).toBe('한국어');
    expect(fold('ｶﾒﾗ')).toBe('カメラ');
  });

  it('gives the same folded text with and without a position map', () => {
    const samples = ['Bäckerei in Köln', 'ÉCOLE ﬁnale ẞ', 'mixed 東京 Tower ｶﾒﾗ e\u0301', '😀 Ünïcödé 𝐁𝐨𝐥𝐝 ΣΟΦΟΣ', 'plain ascii'];
    for (const s of samples) expect(foldWithMap(s).folded).toBe(fold(s));
  });

  it('maps folded positions back to the original characters', () => {
    const s = 'Große e\u0301tude';
    const m = foldWithMap(s);
    const at = m.folded.indexOf('etude');
    expect(s.slice(m.start[at], m.end[at + 4])).toBe('e\u0301tude');
    const ss = m.folded.indexOf('grosse');
    expect(s.slice(m.start[ss], m.end[ss + 5])).toBe('Große');
  });
});

describe('tokenize', () => {
  it('splits words on anything but letters and digits', () => {
    expect(tokens("Don't stop—e-mail me at bob@example.com #tag 2024!")).toEqual(['don', 't', 'stop', 'e', 'mail', 'me', 'at', 'bob', 'example', 'com', 'tag', '2024']);
  });

  it('separates runs of scripts without spaces from words, and splits them at CJK punctuation', () => {
    expect(tokens('iPhone買った。東京タワー')).toEqual(['iphone', '[買った]', '[東京タワー]']);
    expect(tokens('ไปไหนมา hello')).toEqual(['[ไปไหนมา]', 'hello']);
  });

  it('cuts very long words to 64 code units', () => {
    expect(tokens('a'.repeat(100))).toEqual(['a'.repeat(64)]);
  });
});

describe('classAt', () => {
  it('classes every ASCII character as the Unicode regexes do (ASCII skips them)', () => {
    const word = new RegExp(`^${WORD_CLASS}$`, 'v');
    const seg = new RegExp(`^${SEG_CLASS}$`, 'v');
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      expect([c, classAt(ch, 0)]).toEqual([c, seg.test(ch) ? SEG : word.test(ch) ? WORD : SEP]);
    }
  });
});
