// The static site's Atom feed (RFC 4287): the newest public posts, their content sanitized as on the pages.
import type { Post } from '../../../preload/contract.js';
import { escapeHtml, sanitizeHtml } from './sanitize.js';

const KEEP = 30;

/** Keeps the newest public posts while posts stream in oldest first; unlisted ones stay out, as in Mastodon's own feeds. */
export class FeedEntries {
  private readonly entries: Array<{ post: Post; key: string }> = [];

  add(post: Post, key: string): void {
    if (post.visibility !== 'public' || (post.boosted && post.boosted.visibility !== 'public')) return;
    this.entries.push({ post, key });
    if (this.entries.length > KEEP * 2) this.entries.splice(0, this.entries.length - KEEP);
  }

  /**
   * The feed document. Links are relative to the feed (feed readers resolve them against where the site is
   * published); ids are the posts' own URIs, so a feed moved to another address keeps its entries.
   */
  xml(title: string, authorName: string, titleOf: (post: Post) => string): string {
    const newest = [...this.entries].sort((a, b) => (a.post.published < b.post.published ? 1 : -1)).slice(0, KEEP);
    const updated = newest[0]?.post.updated ?? newest[0]?.post.published ?? '1970-01-01T00:00:00Z';
    const entries = newest.map(({ post, key }) => {
      const shown = post.boosted ?? post;
      const content = post.type === 'boost' && !post.boosted ? escapeHtml(post.boostOf ?? '') : sanitizeHtml(shown.html);
      return [
        '  <entry>',
        `    <id>${escapeHtml(post.id)}</id>`,
        `    <title>${escapeHtml(titleOf(post))}</title>`,
        `    <published>${escapeHtml(post.published)}</published>`,
        `    <updated>${escapeHtml(post.updated ?? post.published)}</updated>`,
        `    <link rel="alternate" type="text/html" href="posts/${key}.html"/>`,
        ...(shown.summary ? [`    <summary>${escapeHtml(shown.summary)}</summary>`] : []),
        ...shown.hashtags.map((t) => `    <category term="${escapeHtml(t)}"/>`),
        `    <content type="html">${escapeHtml(content)}</content>`,
        '  </entry>',
      ].join('\n');
    });
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:outbox:feed:${escapeHtml(title)}</id>
  <title>${escapeHtml(title)}</title>
  <updated>${escapeHtml(updated)}</updated>
  <author><name>${escapeHtml(authorName || title)}</name></author>
  <link rel="self" href="feed.xml"/>
  <link rel="alternate" type="text/html" href="index.html"/>
  <generator>Outbox</generator>
${entries.join('\n')}
</feed>
`;
  }
}
