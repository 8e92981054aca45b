// Generates many varied posts in memory for measuring the search engine (Zipf words, CJK, diacritics, operators).
import type { Post, Visibility } from '../../preload/contract.js';

/** The fixtures' seeded generator (mulberry32), under the name the search bench uses. */
import { prng as rng } from '../fixtures/generate-posts.js';

export { rng };

const SYLLABLES = 'ka ri to mu sen lo va ber gen tal mor quin das ex pre ul tra son ne fa bre cho lin dor vi ap el ur ist ment ing ed er ous ion sch ä ö ü é è ç ñ'.split(' ');
const STOP = 'the a to and of in is it i you that for on with this was my but be at so have not are just me like'.split(' ');
const CJK = 'の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による ず なり られる において ば なかっ なく しかし について せ だっ 東京 大阪 日本 中国 北京 上海 電車 天気 今日 明日 写真 音楽 映画 料理 コーヒー タワー ラーメン カメラ 猫 犬 雨 雪 桜 山 海 川 空 花 本 人 年 月 日 時 分 学校 会社 仕事 友達 家族 週末 旅行 研究 論文 我们 你们 他们 今天 明天 朋友 学习 工作 电影 音乐 咖啡'.split(' ');

function zipfTable(size: number, s: number): Float64Array {
  const cum = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) cum[i] = sum += 1 / Math.pow(i + 1, s);
  for (let i = 0; i < size; i++) cum[i]! /= sum;
  return cum;
}

function pick(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** n posts: ~25% boosts, ~30% replies, CJK in ~6%, diacritics in generated words, media/alt/polls/CWs. */
export function generatePosts(n: number, seed = 42): Post[] {
  const r = rng(seed);
  const vocab: string[] = [];
  const seen = new Set<string>();
  while (vocab.length < 80_000) {
    let w = '';
    const parts = 1 + Math.floor(r() * 4);
    for (let k = 0; k < parts; k++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (w.length < 2 || seen.has(w)) continue;
    seen.add(w);
    vocab.push(w);
  }
  const wordZipf = zipfTable(vocab.length, 1.05);
  const tags = Array.from({ length: 2000 }, (_, i) => `${vocab[(i * 37) % vocab.length]}${i % 7 === 0 ? 'fest' : ''}`);
  const users = Array.from({ length: 3000 }, (_, i) => `${vocab[(i * 53 + 11) % vocab.length]}${i}`);
  const tagZipf = zipfTable(tags.length, 1.1);
  const userZipf = zipfTable(users.length, 1.1);
  const start = Date.UTC(2017, 3, 1);
  const span = Date.UTC(2026, 10, 1) - start;
  const vis: Visibility[] = ['public', 'public', 'public', 'unlisted', 'private', 'direct'];
  const langs = ['en', 'en', 'en', 'de', 'fr', 'ja', 'zh-CN', 'es'];
  const sentence = (count: number): string => {
    const words: string[] = [];
    for (let k = 0; k < count; k++) {
      const x = r();
      if (x < 0.3) words.push(STOP[Math.floor(r() * STOP.length)]!);
      else {
        const w = vocab[pick(wordZipf, r())]!;
        words.push(r() < 0.08 ? w[0]!.toUpperCase() + w.slice(1) : w);
      }
    }
    return words.join(' ') + (r() < 0.5 ? '.' : '');
  };
  const posts: Post[] = [];
  for (let seq = 0; seq < n; seq++) {
    const published = new Date(start + (span * seq) / n + Math.floor(r() * 3_600_000)).toISOString();
    const id = `https://example.social/users/alice/statuses/${100000000 + seq}`;
    const base: Post = {
      id, url: `https://example.social/@alice/${100000000 + seq}`, type: 'post', published, updated: null,
      visibility: vis[Math.floor(r() * vis.length)]!, language: null, summary: null, sensitive: false, text: '', html: '',
      inReplyTo: null, boostOf: null, boosted: null, media: [], links: [], hashtags: [], mentions: [], emojis: [], poll: null,
      quote: null, likesCount: null, sharesCount: null, repliesCount: null, parentInArchive: false, seq,
    };
    if (r() < 0.25) {
      const other = users[pick(userZipf, r())]!;
      posts.push({ ...base, id: `${id}/activity`, type: 'boost', boostOf: `https://other.example/users/${other}/statuses/${seq * 7}`,
        url: `https://other.example/@${other}/${seq * 7}` });
      continue;
    }
    let text: string;
    const lang = langs[Math.floor(r() * langs.length)]!;
    if (lang === 'ja' || lang === 'zh-CN') {
      const len = 5 + Math.floor(r() * 25);
      text = Array.from({ length: len }, () => CJK[Math.floor(r() * CJK.length)]).join('') + '。';
    } else {
      text = sentence(8 + Math.floor(r() * 45));
    }
    const mentions = r() < 0.35 ? [users[pick(userZipf, r())]!] : [];
    const hashtags = r() < 0.3 ? [...new Set([tags[pick(tagZipf, r())]!, ...(r() < 0.3 ? [tags[pick(tagZipf, r())]!] : [])])] : [];
    if (mentions.length) text = `@${mentions[0]} ${text}`;
    if (hashtags.length) text += ' ' + hashtags.map((t) => `#${t}`).join(' ');
    const link = r() < 0.1 ? `https://news.example/${vocab[pick(wordZipf, r())]}/${seq}` : null;
    if (link) text += ` ${link}`;
    const media = r() < 0.2
      ? Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => ({
          path: `media_attachments/${seq}_${k}.jpg`, url: `/media_attachments/${seq}_${k}.jpg`, mediaType: 'image/jpeg', kind: 'image' as const,
          description: r() < 0.6 ? sentence(6 + Math.floor(r() * 10)) : null, present: true, width: 800, height: 600, blurhash: null, focalPoint: null,
        }))
      : [];
    posts.push({
      ...base, text, html: `<p>${text}</p>`, language: lang,
      summary: r() < 0.08 ? sentence(3) : null,
      inReplyTo: r() < 0.3 ? `https://other.example/statuses/${seq}` : null,
      updated: r() < 0.05 ? published : null,
      quote: r() < 0.02 ? `https://other.example/statuses/q${seq}` : null,
      media, hashtags,
      mentions: mentions.map((u) => ({ name: `@${u}@other.example`, href: `https://other.example/users/${u}` })),
      links: link ? [{ href: link, name: null }] : [],
      poll: r() < 0.03 ? { multiple: false, options: [sentence(2), sentence(2)].map((title) => ({ title, votes: 1 })), votersCount: 2, endTime: null, closed: true } : null,
    });
  }
  return posts;
}
