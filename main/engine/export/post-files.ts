// `outbox export --format md --one-file-per-post`: posts/<date>-<key>.md with YAML front matter for Hugo, Jekyll, Eleventy.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Post } from '../../../preload/contract.js';
import type { ExportOptions, ExportResult } from './export-options.js';
import { escapeMarkdown, htmlToMarkdown, markdownUrl } from './html-markdown.js';
import { FileWriter } from './file-writer.js';
import { MediaCopier, postKey, startedAhead, type CopiedMedia } from './media-copy.js';
import { prepareOutFolder, writeFailure, writeOutFile } from './out-folder.js';
import { PrivacyFilter } from './privacy.js';
import { linkTarget } from './sanitize.js';
import { fill, plural, privacyNotice, siteWords } from './site-words.js';

/** A YAML scalar: JSON strings are valid YAML double-quoted scalars, so every character survives (colons, #, newlines). */
const yaml = (value: string | number | boolean | null): string => JSON.stringify(value);

function frontMatter(post: Post, shown: Post, media: CopiedMedia[]): string {
  const kind = post.type === 'boost' ? 'boost' : post.inReplyTo ? 'reply' : 'post';
  const firstLine = (shown.summary ?? shown.text).split('\n').find((l) => l.trim())?.trim() ?? '';
  const lines = [
    '---',
    `title: ${yaml(firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine || `${kind} ${post.published.slice(0, 10)}`)}`,
    `date: ${yaml(post.published)}`,
    ...(post.updated ? [`lastmod: ${yaml(post.updated)}`] : []),
    `tags: [${shown.hashtags.map(yaml).join(', ')}]`,
    `url: ${yaml(post.url)}`,
    `id: ${yaml(post.id)}`,
    `kind: ${kind}`,
    `visibility: ${post.visibility}`,
    ...(shown.language ? [`language: ${yaml(shown.language)}`] : []),
    ...(shown.summary ? [`contentWarning: ${yaml(shown.summary)}`] : []),
    ...(post.inReplyTo ? [`inReplyTo: ${yaml(post.inReplyTo)}`] : []),
    ...(post.boostOf ? [`boostOf: ${yaml(post.boostOf)}`] : []),
    ...(shown.quote ? [`quote: ${yaml(shown.quote)}`] : []),
  ];
  if (media.length === 0) lines.push('media: []');
  else {
    lines.push('media:');
    for (const { attachment, file } of media) {
      lines.push(`  - path: ${yaml(file ? `../${file}` : null)}`, `    type: ${yaml(attachment.mediaType)}`, `    alt: ${yaml(attachment.description)}`);
    }
  }
  lines.push('---', '');
  return lines.join('\n');
}

function body(post: Post, shown: Post, media: CopiedMedia[], words: ReturnType<typeof siteWords>): string {
  const w = words.words;
  const lines: string[] = [];
  const link = (label: string, url: string | null) => {
    const href = linkTarget(url);
    lines.push(href ? `${label} <${markdownUrl(href)}>` : escapeMarkdown(`${label} ${url ?? ''}`.trim()), '');
  };
  if (post.type === 'boost') link(w.boosted, post.boostOf ?? post.url);
  else if (post.inReplyTo) link(w.inReplyTo, post.inReplyTo);
  if (post.type === 'post' || post.boosted) {
    if (shown.summary) lines.push(`**${escapeMarkdown(w.contentWarning)}: ${escapeMarkdown(shown.summary)}**`, '');
    const text = htmlToMarkdown(shown.html) || escapeMarkdown(shown.text);
    if (text) lines.push(text, '');
    if (shown.poll) {
      for (const o of shown.poll.options) lines.push(`- [ ] ${escapeMarkdown(o.title)}${o.votes === null ? '' : ` (${plural(words.lang, w.votes, o.votes)})`}`);
      lines.push('');
    }
    if (shown.quote) link(w.quoted, shown.quote);
  }
  for (const { attachment, file } of media) {
    const alt = attachment.description?.trim() ?? '';
    if (!file) lines.push(`- *(${escapeMarkdown(`${w[attachment.kind === 'gifv' ? 'video' : attachment.kind === 'unknown' ? 'file' : attachment.kind]}${alt ? `: ${alt}` : ''}`)} — ${w.notInArchive})*`);
    else if (attachment.kind === 'image') lines.push(`![${escapeMarkdown(alt || w.noAlt)}](../${file})`);
    else lines.push(`[${escapeMarkdown(alt || w.file)}](../${file})`);
  }
  if (media.length) lines.push('');
  return `${lines.join('\n')}\n`;
}

async function postFilesInto(posts: Iterable<Post>, outDir: string, options: ExportOptions): Promise<ExportResult> {
  prepareOutFolder(outDir, ['posts']);
  const words = siteWords(options.lang);
  const privacy = new PrivacyFilter(options.includePrivate === true);
  // The post files and media copies are made on a second thread, in batches (file-writer.ts): from libuv's threads,
  // one hand-off per open, write and close, they cost more than written here in turn.
  const files = new FileWriter();
  const copier = new MediaCopier(outDir, options.mediaSource, files);
  const months = new Map<string, number>();
  let written = 0;
  const kept = function* () {
    for (const post of posts) if (privacy.keep(post)) yield post;
  };
  try {
    for await (const [post, media] of startedAhead(kept(), (p) => copier.copy(p))) {
      const shown = post.boosted ?? post;
      // date first: file managers and static site generators list the posts in order
      const name = `${post.published.slice(0, 10).replace(/[^0-9-]/g, '') || 'undated'}-${postKey(post)}.md`;
      await files.write(join(outDir, 'posts', name), frontMatter(post, shown, media) + body(post, shown, media, words));
      const month = post.published.slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + 1);
      written++;
    }
    await files.close();
  } catch (error) {
    await files.stop();
    throw error;
  }
  const w = words.words;
  const notice = privacyNotice(privacy, words.lang, w, options.includePrivate === true);
  mkdirSync(outDir, { recursive: true });
  writeOutFile(join(outDir, 'index.md'), [
    '---', `title: ${yaml(options.title ?? 'Posts')}`, '---', '',
    fill(w.summary, { posts: plural(words.lang, w.posts, written), months: plural(words.lang, w.monthsCount, months.size), zone: 'UTC' }), '',
    notice, '', ...(options.pseudonymized ? [w.pseudonymized, ''] : []),
  ].join('\n'));
  return { posts: written, months: months.size, media: copier.copied, mediaMissing: copier.missing, leftOut: { ...privacy.leftOut } };
}

/** Writes one Markdown file per post into outDir/posts (media under outDir/media), and an index.md. */
export async function writePostFiles(posts: Iterable<Post>, outDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  try {
    return await postFilesInto(posts, outDir, options);
  } catch (error) {
    throw writeFailure(error, outDir);
  }
}
