// `outbox export --format md`: one Markdown file per month, an index.md first page, media copied under media/.
import { join } from 'node:path';
import type { Post } from '../../../preload/contract.js';
import { zoneClock } from '../stats/zone-clock.js';
import type { ExportOptions, ExportResult } from './export-options.js';
import { escapeMarkdown, htmlToMarkdown, markdownUrl } from './html-markdown.js';
import { FileWriter } from './file-writer.js';
import { MediaCopier, startedAhead, type CopiedMedia } from './media-copy.js';
import { MonthFiles } from './month-files.js';
import { prepareOutFolder, writeFailure, writeOutFile } from './out-folder.js';
import { PrivacyFilter } from './privacy.js';
import { linkTarget } from './sanitize.js';

const VISIBILITY_LABEL = { public: 'public', unlisted: 'unlisted', private: 'followers-only', direct: 'direct' } as const;

function mediaLines(media: CopiedMedia[]): string[] {
  return media.map(({ attachment, file, inert }) => {
    const alt = attachment.description?.trim() ?? '';
    const label = `${attachment.kind}${alt ? `: ${alt}` : ''}`;
    if (!file) return `- *(${escapeMarkdown(label)} — not in the archive)*`;
    return attachment.kind === 'image' && !inert
      ? `- ![${escapeMarkdown(alt || 'image without alt text')}](${file})`
      : `- [${escapeMarkdown(label)}](${file})`;
  });
}

function externalLink(label: string, url: string | null): string {
  const href = linkTarget(url);
  return href ? `${label} <${markdownUrl(href)}>` : escapeMarkdown(`${label} ${url ?? ''}`.trim());
}

/** One post as a Markdown section. */
function postMarkdown(post: Post, heading: string, media: CopiedMedia[]): string {
  const lines: string[] = [`## ${heading}`, ''];
  const shown = post.boosted ?? post;
  if (post.type === 'boost') lines.push(externalLink('Boosted', post.boostOf ?? post.url), '');
  else if (post.inReplyTo) lines.push(externalLink('In reply to', post.inReplyTo), '');
  if (post.type === 'post' || post.boosted) {
    if (shown.summary) lines.push(`**Content warning: ${escapeMarkdown(shown.summary)}**`, '');
    const body = htmlToMarkdown(shown.html) || escapeMarkdown(shown.text);
    if (body) lines.push(body, '');
    if (shown.poll) {
      for (const option of shown.poll.options) lines.push(`- [ ] ${escapeMarkdown(option.title)}${option.votes === null ? '' : ` (${option.votes})`}`);
      lines.push('');
    }
    for (const l of shown.links) {
      const href = linkTarget(l.href);
      if (href) lines.push(`Link: [${escapeMarkdown(l.name || href)}](${markdownUrl(href)})`, '');
    }
  }
  if (media.length) lines.push(...mediaLines(media), '');
  if (post.type === 'post' && linkTarget(post.url)) lines.push(`[Original](${markdownUrl(linkTarget(post.url)!)})`, '');
  return `${lines.join('\n')}\n`;
}

async function markdownInto(posts: Iterable<Post>, outDir: string, options: ExportOptions): Promise<ExportResult> {
  prepareOutFolder(outDir);
  const clock = zoneClock(options.timeZone ?? 'UTC');
  const privacy = new PrivacyFilter(options.includePrivate === true);
  // the media copies are made on a second thread, in batches (file-writer.ts)
  const media = new FileWriter();
  const copier = new MediaCopier(outDir, options.mediaSource, media);
  const files = new MonthFiles(outDir, {
    name: (month) => `${month}.md`,
    head: (month) => `# ${month}\n\n[All months](index.md) · times in ${clock.timeZone}\n\n`,
    foot: () => '',
  }, media);
  let written = 0;
  const kept = function* () {
    for (const post of posts) if (privacy.keep(post)) yield post;
  };
  try {
    // the next posts' media are copied while this one is written
    for await (const [post, copies] of startedAhead(kept(), (p) => copier.copy(p))) {
      const ms = Date.parse(post.published);
      const at = Number.isFinite(ms) ? clock.at(ms) : null;
      const kind = post.type === 'boost' ? 'boost' : post.inReplyTo ? 'reply' : 'post';
      const heading = `${at ? `${at.day} ${at.time}` : 'undated'} · ${kind} · ${VISIBILITY_LABEL[post.visibility] ?? post.visibility}`;
      const flushing = files.add(at?.month ?? 'undated', postMarkdown(post, heading, copies));
      if (flushing) await flushing;
      written++;
    }
    await files.flush(); // the last month too, by the writer's thread
    await media.close();
  } catch (error) {
    await media.stop();
    throw error;
  }
  const months = await files.months();
  const index = [
    `# ${escapeMarkdown(options.title ?? 'Posts')}`,
    '',
    `${written} post${written === 1 ? '' : 's'} in ${months.length} month${months.length === 1 ? '' : 's'}; times in ${clock.timeZone}.`,
    '',
    privacy.notice(),
    '',
    ...months.map(([month, n]) => `- [${month}](${month}.md) — ${n}`),
    '',
  ].join('\n');
  writeOutFile(join(outDir, 'index.md'), index);
  return { posts: written, months: months.length, media: copier.copied, mediaMissing: copier.missing, leftOut: { ...privacy.leftOut } };
}

/** Writes the Markdown export into outDir (created when missing). Posts arrive oldest first (Archive.posts). */
export async function writeMarkdown(posts: Iterable<Post>, outDir: string, options: ExportOptions = {}): Promise<ExportResult> {
  try {
    return await markdownInto(posts, outDir, options);
  } catch (error) {
    throw writeFailure(error, outDir);
  }
}
