// The catalogues and the plural machinery, in Node: every language has every message with the same {slots}, every
// plural form its language needs, and counts read right for 0, 1, 2, 5 and 21.
import { afterAll, describe, expect, it, vi } from 'vitest';

// @lit/localize announces a new locale on `window`; Node has none, an EventTarget stands in.
vi.hoisted(() => {
  (globalThis as { window?: unknown }).window ??= new EventTarget();
});
import { templates as en } from '../../renderer/locales/en.js';
import { CATALOGUES, type LocaleCode } from '../../renderer/locales/index.js';
import { matchLanguage, pickLanguage } from '../../renderer/locales/match.js';
import { chooseLanguage, currentLanguage, directionOf, pseudo, t, tn } from '../../renderer/lib/i18n.js';
import { formatList, formatNumber, formatPercent, languageName, weekdayName } from '../../renderer/lib/format.js';

const codes = Object.keys(CATALOGUES) as LocaleCode[];
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const bases = [...new Set(Object.keys(en).filter((k) => k.includes('#')).map((k) => k.split('#')[0]!))];
const simple = Object.keys(en).filter((k) => !k.includes('#'));
/** The plural categories whole numbers reach in a language (what a counted message must cover). */
const categoriesOf = (code: string) => {
  const rules = new Intl.PluralRules(code);
  return [...new Set(Array.from({ length: 1001 }, (_, n) => rules.select(n)))];
};

afterAll(() => chooseLanguage('en'));

describe('catalogues', () => {
  it('ship the eight languages of the issue, English first', () => {
    expect(codes).toEqual(['en', 'de', 'fr', 'es', 'ja', 'zh-Hans', 'pt-BR', 'ar']);
  });

  for (const code of codes) {
    it(`${code}: every message, the same slots, every plural form the language uses, nothing extra`, async () => {
      const { templates } = (await CATALOGUES[code]()) as { templates: Record<string, string> };
      const missing = simple.filter((id) => typeof templates[id] !== 'string' || templates[id] === '');
      expect(missing, 'messages missing').toEqual([]);
      for (const id of simple) expect(slots(templates[id]!), `${code} ${id}`).toEqual(slots(en[id as keyof typeof en]));
      const needed = categoriesOf(code);
      for (const base of bases) {
        const englishSlots = slots(en[`${base}#other` as keyof typeof en]).filter((s) => s !== 'n');
        for (const category of needed) {
          const form = templates[`${base}#${category}`] ?? (category === 'other' ? undefined : templates[`${base}#other`]);
          expect(form, `${code} ${base}#${category}`).toBeTypeOf('string');
          // A form may spell its number out ("منشوران", "one post") only where the category is a single number.
          const own = slots(form!);
          expect(own.filter((s) => s !== 'n'), `${code} ${base}#${category}`).toEqual(englishSlots);
          if (!['zero', 'one', 'two'].includes(category)) expect(own, `${code} ${base}#${category} shows its number`).toContain('n');
        }
      }
      const known = new Set([...simple, ...bases.flatMap((b) => ['zero', 'one', 'two', 'few', 'many', 'other'].map((c) => `${b}#${c}`))]);
      expect(Object.keys(templates).filter((id) => !known.has(id)), 'ids English does not have').toEqual([]);
    });
  }

  it('pseudo-localizes every letter but keeps the slots', () => {
    expect(pseudo('Saved {posts} as {file}.')).toBe('⟦Śáṽéđ {posts} áś {file}.⟧');
  });
});

describe('plurals for 0, 1, 2, 5 and 21', () => {
  // Hand-written expectations, one language at a time: the count of posts as each language says it.
  const expected: Record<LocaleCode, string[]> = {
    en: ['0 posts', '1 post', '2 posts', '5 posts', '21 posts'],
    de: ['0 Beiträge', '1 Beitrag', '2 Beiträge', '5 Beiträge', '21 Beiträge'],
    fr: ['0 message', '1 message', '2 messages', '5 messages', '21 messages'],
    es: ['0 publicaciones', '1 publicación', '2 publicaciones', '5 publicaciones', '21 publicaciones'],
    ja: ['0 件の投稿', '1 件の投稿', '2 件の投稿', '5 件の投稿', '21 件の投稿'],
    'zh-Hans': ['0 条嘟文', '1 条嘟文', '2 条嘟文', '5 条嘟文', '21 条嘟文'],
    'pt-BR': ['0 publicação', '1 publicação', '2 publicações', '5 publicações', '21 publicações'],
    // zero, one and two are words; 3–10 take the plural, 11–99 the accusative singular (CLDR: few, many).
    ar: ['لا منشورات', 'منشور واحد', 'منشوران', '{5} منشورات', '{21} منشورًا'],
  };

  for (const code of codes) {
    it(`${code}`, async () => {
      await chooseLanguage(code);
      expect(currentLanguage()).toBe(code);
      const arabic = new Intl.NumberFormat('ar');
      const want = expected[code].map((s) => s.replace(/\{(\d+)\}/, (_, d: string) => arabic.format(Number(d))));
      expect([0, 1, 2, 5, 21].map((n) => tn('count.posts', n))).toEqual(want);
      // Every counted message gives a filled sentence for these numbers: no slot left, no English fallback.
      for (const base of bases) {
        for (const n of [0, 1, 2, 5, 21]) {
          const text = tn(base as Parameters<typeof tn>[0], n, { total: '9', share: '50%' });
          expect(text, `${code} ${base} ${n}`).not.toMatch(/\{\w+\}/);
        }
      }
    });
  }

  it('counts big numbers with the language’s separators', async () => {
    await chooseLanguage('de');
    expect(tn('count.posts', 12345)).toBe('12.345 Beiträge');
    await chooseLanguage('fr');
    expect(tn('count.posts', 12345)).toBe('12\u202f345 messages');
  });
});

describe('the language chosen and Intl formatting', () => {
  it('matches system languages to shipped ones, by language and script', () => {
    expect(matchLanguage('de-AT')).toBe('de');
    expect(matchLanguage('zh-CN')).toBe('zh-Hans');
    expect(matchLanguage('zh-Hans-SG')).toBe('zh-Hans');
    expect(matchLanguage('zh-TW')).toBeNull();
    expect(matchLanguage('pt-PT')).toBe('pt-BR');
    expect(matchLanguage('ar-EG')).toBe('ar');
    expect(matchLanguage('sv-SE')).toBeNull();
    expect(matchLanguage('not a tag')).toBeNull();
    expect(pickLanguage(['sv-SE', 'zh-TW', 'fr-CA', 'en'])).toBe('fr');
    expect(pickLanguage(['sv-SE', 'fi'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it('knows which languages write right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('fa-IR')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
    expect(directionOf('ja')).toBe('ltr');
  });

  it('formats names, lists, weekdays and shares in the interface language', async () => {
    await chooseLanguage('fr');
    expect(languageName('de')).toBe('allemand');
    expect(languageName('und')).toBe('Non précisée');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(weekdayName(0)).toBe('lundi');
    expect(formatPercent(0.125)).toBe('12,5\u00a0%');
    await chooseLanguage('ja');
    expect(languageName('zh')).toBe('中国語');
    expect(weekdayName(6, 'short')).toBe('日');
    await chooseLanguage('en');
    expect(languageName('zh')).toBe('Chinese');
    expect(formatNumber(1234)).toBe('1,234');
    expect(t('visibility.private')).toBe('Followers only');
  });

  it('falls back to English for a language it does not ship', async () => {
    await chooseLanguage('sv');
    expect(currentLanguage()).toBe('en');
    expect(tn('count.posts', 1)).toBe('1 post');
  });
});
