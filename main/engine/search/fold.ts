// Folding (case, diacritics, compatibility forms) and tokenizing: the one definition the index, queries and
// highlighting share, so a word found in one place is found the same way everywhere.

/**
 * Scripts written without spaces between words: indexed as runs of characters (bigrams + single characters),
 * so any run of characters in a post can be found. Only letters, digits and marks belong to a run: CJK
 * punctuation (、。「」) has these scripts in its Script_Extensions but must split runs.
 */
const SEG_SCRIPTS = '\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}\\p{scx=Hang}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmr}\\p{sc=Mymr}';
/** Source (v-mode) of one word character: a letter, digit or mark outside the segmented scripts. */
export const WORD_CLASS = `[[\\p{L}\\p{N}\\p{M}]--[${SEG_SCRIPTS}]]`;
/** Source (v-mode) of one character of a segmented run. */
export const SEG_CLASS = `[[\\p{L}\\p{N}\\p{M}]&&[${SEG_SCRIPTS}]]`;

const IS_WORD = new RegExp(`^${WORD_CLASS}$`, 'v');
const IS_SEG = new RegExp(`^${SEG_CLASS}$`, 'v');
/** Scripts whose marks are diacritics to drop (bäckerei = backerei); elsewhere (Devanagari, Thai…) marks are letters' parts. */
const STRIP_MARKS = /^[\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}\p{sc=Common}\p{sc=Inherited}]/u;
const MARKS = /\p{M}/gu;
/** Finds the next non-ASCII code unit from lastIndex (test() with g moves lastIndex past it, without a match array). */
const NON_ASCII_AT = /[^\x00-\x7f]/g;

/** Letters NFKD leaves alone but a reader expects folded (strasse = straße, lodz = łódź). */
const SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd',
  ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', ħ: 'h', Ħ: 'h', ı: 'i', ς: 'σ',
};

export const SEP = 1;
export const WORD = 2;
export const SEG = 3;

// Lazily filled per UTF-16 code unit (BMP); astral code points go through a Map.
const foldBmp: Array<string | undefined> = new Array(65536);
const classBmp = new Uint8Array(65536);
const foldAstral = new Map<number, string>();
const classAstral = new Map<number, number>();
// ASCII is classed without the regexes: compiling IS_WORD/IS_SEG (v-mode sets over large Unicode properties) costs
// tens of ms, which a warm `outbox search` for plain words then never pays. Letters and digits are words, the rest
// separators (test/engine/search/fold.test.ts checks this against the regexes).
for (let c = 0; c < 128; c++) classBmp[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? WORD : SEP;

function computeFold(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (!STRIP_MARKS.test(ch)) return ch.normalize('NFKC').toLowerCase();
  const out = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
  return out.replace(MARKS, '');
}

function computeClass(ch: string): number {
  return IS_SEG.test(ch) ? SEG : IS_WORD.test(ch) ? WORD : SEP;
}

/** The folded form of one code point (given as its string). */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length === 1) return (foldBmp[c] ??= computeFold(ch));
  const cp = ch.codePointAt(0)!;
  let f = foldAstral.get(cp);
  if (f === undefined) foldAstral.set(cp, (f = computeFold(ch)));
  return f;
}

/** Class (SEP, WORD, SEG) of the folded character at i; astral characters are classed by code point. */
export function classAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) {
    const k = classBmp[c]!;
    return k !== 0 ? k : (classBmp[c] = computeClass(String.fromCharCode(c)));
  }
  const cp = s.codePointAt(i)!;
  let k = classAstral.get(cp);
  if (k === undefined) classAstral.set(cp, (k = computeClass(String.fromCodePoint(cp))));
  return k;
}

/** Code units of the character at i (2 for a surrogate pair). */
export function stepAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/**
 * Case, diacritics and compatibility forms folded. ASCII text takes the fast path (most posts); otherwise one
 * loop with a per-character cache (measured 2.5x faster than whole-string normalize + replace + toLowerCase).
 */
export function fold(s: string): string {
  NON_ASCII_AT.lastIndex = 0;
  if (!NON_ASCII_AT.test(s)) return s.toLowerCase();
  const n = s.length;
  let out = '';
  let run = 0;
  let i = NON_ASCII_AT.lastIndex - 1;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      // An ASCII stretch: the regex finds the next non-ASCII unit natively (posts are mostly ASCII around an emoji).
      NON_ASCII_AT.lastIndex = i;
      if (!NON_ASCII_AT.test(s)) break;
      i = NON_ASCII_AT.lastIndex - 1;
      continue;
    }
    let f: string;
    let len = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      len = 2;
      const ch = s.slice(i, i + 2);
      f = foldChar(ch);
      if (f === ch) {
        i += 2;
        continue;
      }
    } else {
      f = foldBmp[c] ?? (foldBmp[c] = computeFold(String.fromCharCode(c)));
      // A character that folds to itself stays in the run (it is already lower case: fold lower-cases).
      if (f.length === 1 && f.charCodeAt(0) === c) {
        i++;
        continue;
      }
    }
    out += s.slice(run, i).toLowerCase() + f;
    run = i + len;
    i += len;
  }
  return out + s.slice(run).toLowerCase();
}

/** Folded text with, per folded code unit, the [start, end) of the original characters it came from. */
export interface FoldMap {
  folded: string;
  start: Int32Array;
  end: Int32Array;
}

/** fold() keeping a position map, for highlighting ranges in the original text. Same output as fold(). */
export function foldWithMap(s: string): FoldMap {
  const parts: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    const ch = s.slice(i, i + len);
    const f = c < 0x80 ? ch.toLowerCase() : foldChar(ch);
    if (f.length === 0) {
      // A dropped mark belongs to the character before it: a highlight of "é" covers "e" + U+0301.
      if (end.length > 0) end[end.length - 1] = i + len;
    } else {
      parts.push(f);
      for (let k = 0; k < f.length; k++) {
        start.push(i);
        end.push(i + len);
      }
    }
    i += len;
  }
  return { folded: parts.join(''), start: Int32Array.from(start), end: Int32Array.from(end) };
}

/** Longest indexed word (code units): longer runs (base64 in urls) are cut, the same way for queries. */
export const MAX_WORD = 64;

export interface TokenSink {
  /** a word at [start, end) of the folded text; its term is [start, cut): cut at MAX_WORD code units */
  word(start: number, cut: number, end: number): void;
  /** a run of segmented-script characters at [start, end) */
  seg(start: number, end: number): void;
}

/** Splits folded text into words (runs of WORD characters) and segmented runs (runs of SEG characters). */
export function tokenize(folded: string, sink: TokenSink): void {
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const k = classAt(folded, i);
    if (k === SEP) {
      i++;
      continue;
    }
    const from = i;
    while (i < n && classAt(folded, i) === k) i += stepAt(folded, i);
    if (k === SEG) sink.seg(from, i);
    else if (i - from <= MAX_WORD) sink.word(from, i, i);
    else {
      let cut = from + MAX_WORD;
      if (isHigh(folded.charCodeAt(cut - 1))) cut--; // never cut a surrogate pair in half
      sink.word(from, cut, i);
    }
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The characters (code points) of a segmented run, as strings. */
export function segChars(folded: string, start: number, end: number): string[] {
  return Array.from(folded.slice(start, end));
}

/** The terms a segmented run is indexed (and queried) by: its bigrams, or the one character. */
export function segTerms(chars: string[]): string[] {
  if (chars.length === 1) return [chars[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
