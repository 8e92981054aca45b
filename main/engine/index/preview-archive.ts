// The archive as browser mode shows it while a cold open still reads: its newest page, its profile and their media.
import type { ArchiveInfo, ContainerFormat, Post, Profile } from '../../../preload/contract.js';
import type { Archive } from '../archive.js';
import { ArchiveError } from '../errors.js';
import type { Source } from '../source/source.js';
import { summarize } from '../summary.js';
import { indexPosts } from './build.js';
import { createIndexedArchive } from './indexed-archive.js';

/** Posts a preview holds: the viewer's first page (renderer/lib/page-cache.ts PAGE_SIZE). */
export const PREVIEW_POSTS = 50;

export interface PreviewParts {
  id: string;
  name: string;
  format: ContainerFormat;
  profile: Profile;
  /** the newest posts, any order */
  posts: readonly Post[];
  /** entry name → media type, for these posts and the profile */
  media: ReadonlyMap<string, string>;
  /** the open's source: the preview reads media from it and never closes it (the open does) */
  source: Source;
}

const notReady = (name: string): ArchiveError =>
  new ArchiveError('not-open', `${name} is still being read: only its newest posts can be shown yet. Ask again once it is ready.`);

/**
 * An Archive over the newest posts alone. It answers the first page of the timeline (newest first, no filter) with
 * `partial: true`, its posts' media, and nothing that needs the whole archive: those throw (browser mode's server
 * never asks: it holds them until the open is done, see answersFirstPage).
 */
export function createPreviewArchive(parts: PreviewParts): Archive {
  const posts = [...parts.posts].sort((a, b) => a.seq - b.seq);
  const summary = summarize({ format: parts.format, profile: parts.profile, posts: [], likes: 0, bookmarks: 0, skipped: [] });
  const info: ArchiveInfo = {
    id: parts.id, name: parts.name, profile: parts.profile, summary, months: {}, fromCache: false, warnings: [], indexing: true,
  };
  const whole = createIndexedArchive({
    info, summary, index: indexPosts(posts), likes: [], bookmarks: [], media: parts.media, source: async () => parts.source,
  });
  const refuse = (): never => {
    throw notReady(parts.name);
  };
  return {
    info,
    summary: () => summary,
    page(query) {
      if (!answersFirstPage(query)) refuse();
      return { ...whole.page(query), facets: null, terms: [], partial: true };
    },
    post: refuse,
    thread: refuse,
    search: refuse,
    likes: refuse,
    bookmarks: refuse,
    posts: refuse,
    openMedia: (path) => whole.openMedia(path),
    mediaBytes: (path, maxBytes) => whole.mediaBytes!(path, maxBytes),
    // The source is the open's: closing the preview leaves it open.
    close: async () => undefined,
  };
}

/** Whether a preview answers this page query: the timeline's first page, newest first, nothing filtered. */
export function answersFirstPage(query: { order?: string; offset?: number; filter?: object }): boolean {
  const filtered = Object.values(query.filter ?? {}).some((v) => v !== undefined);
  return (query.order ?? 'newest') === 'newest' && (query.offset ?? 0) === 0 && !filtered;
}
