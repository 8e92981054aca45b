// Copies a post's media next to an export under media/, with names we make (never names taken from the archive).
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MediaAttachment, Post } from '../../../preload/contract.js';
import { ArchiveError } from '../errors.js';
import type { MediaSource } from './export-options.js';

const BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/heic': 'heic',
  'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg',
  'audio/wav': 'wav', 'audio/mp4': 'm4a', 'audio/flac': 'flac',
};

/** A short lower-case extension from the entry name, else from the media type, else "bin". */
function extensionOf(attachment: MediaAttachment): string {
  const fromName = /\.([A-Za-z0-9]{1,6})$/.exec(attachment.path ?? attachment.url)?.[1]?.toLowerCase();
  return fromName ?? BY_TYPE[attachment.mediaType.toLowerCase()] ?? 'bin';
}

/**
 * The name of a post's files in an export: 12 hex digits of a hash of its id. Stable across re-exports and filters
 * (links into a shared site keep working), and unique across the archives of a library, where `seq` is not.
 */
export const postKey = (post: Post): string => createHash('sha256').update(post.id).digest('hex').slice(0, 12);

export interface CopiedMedia {
  attachment: MediaAttachment;
  /** "media/<postKey>-<k>.<ext>" relative to the export's root, or null when the file is not in the archive */
  file: string | null;
}

export class MediaCopier {
  copied = 0;
  missing = 0;
  private made = false;

  constructor(private readonly outDir: string, private readonly source: MediaSource | undefined) {}

  /** Copies every attachment of `post` it can; one entry per attachment, in order. */
  async copy(post: Post): Promise<CopiedMedia[]> {
    const out: CopiedMedia[] = [];
    const attachments = post.media.length ? post.media : (post.boosted?.media ?? []);
    for (let k = 0; k < attachments.length; k++) {
      const attachment = attachments[k]!;
      const stream = attachment.path && this.source ? await this.source(attachment.path, post) : undefined;
      if (!stream) {
        if (this.source) this.missing++;
        out.push({ attachment, file: null });
        continue;
      }
      if (!this.made) {
        mkdirSync(join(this.outDir, 'media'), { recursive: true });
        this.made = true;
      }
      const file = `media/${postKey(post)}-${k}.${extensionOf(attachment)}`;
      try {
        await pipeline(stream, createWriteStream(join(this.outDir, file)));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new ArchiveError('io', `Cannot copy ${attachment.path} to ${join(this.outDir, file)} (${code}). Check the output folder is writable and has room.`, attachment.path!);
      }
      this.copied++;
      out.push({ attachment, file });
    }
    return out;
  }
}
