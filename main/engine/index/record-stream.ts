// The cache's post records made as a cold open reads, and streamed to the search thread: the second core then builds
// the search, the stats tally and the records' checksums while this one is still reading (they waited for the read).
import type { Post } from '../../../preload/contract.js';
import type { SearchThread } from './search-thread.js';

/** Where a reader hands each post it keeps, in archive order, as it reads (readers/reader.ts). */
export interface PostSink {
  add(post: Post): void;
  /** the posts handed so far will not be the read's (a later list replaced them, or order was lost) */
  spoil(): void;
}

/** Where each record of a whole read lies in the records' bytes (which the thread holds, and gives back). */
export interface Records {
  /** record i is bytes [offsets[i], offsets[i + 1]) of the parts joined */
  offsets: Float64Array;
}

/** Posts per message to the thread: ~1 MB of records (a message per post costs more than it moves). */
const POSTS_PER_PART = 1024;
const SCRATCH = 4 << 20;

/**
 * A PostSink that writes each post's record (JSON.stringify, as the cache stores it) and sends them to the thread a
 * part at a time. The post's parentInArchive is not known yet (the index sets it after the read): the records carry
 * it as read (false), and a warm open takes it from the index's parent column (cache-file.ts).
 */
export class RecordStream implements PostSink {
  private offsets = new Float64Array(1024 + 1);
  private readonly seqs: number[] = [];
  private scratch = Buffer.allocUnsafeSlow(SCRATCH);
  private used = 0;
  private ends: number[] = [];
  private total = 0;
  private spoiled = false;
  private sent = true;

  constructor(private readonly thread: SearchThread, private readonly run: number) {}

  /** Records were handed to the thread: it must get their end (finish), or be stopped. */
  get started(): boolean {
    return this.seqs.length > 0 || this.spoiled;
  }

  /** The thread stopped taking records (it failed): the caller says so, as when a build there fails. */
  get threadFailed(): boolean {
    return !this.sent;
  }

  add(post: Post): void {
    if (this.spoiled || !this.sent) return;
    const json = JSON.stringify(post);
    // At most 3 bytes of UTF-8 per UTF-16 unit.
    if (this.used + json.length * 3 > this.scratch.length) {
      this.flush();
      if (json.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafeSlow(json.length * 3);
    }
    const length = this.scratch.write(json, this.used);
    this.used += length;
    this.ends.push(this.used);
    const n = this.seqs.length;
    if (n + 1 >= this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[n + 1] = this.offsets[n]! + length;
    this.seqs.push(post.seq);
    if (this.ends.length >= POSTS_PER_PART) this.flush();
  }

  spoil(): void {
    if (this.seqs.length > 0) this.spoiled = true;
  }

  /**
   * The part being filled, moved to the thread (a buffer of its own, transferred: no copy), which gives every part
   * back with its answer for the cache write.
   */
  private flush(): void {
    if (this.used === 0) return;
    const part = new Uint8Array(this.used);
    part.set(this.scratch.subarray(0, this.used));
    const ends = Uint32Array.from(this.ends);
    if (this.sent) this.sent = this.thread.records(part, ends, this.run);
    this.used = 0;
    this.ends = [];
  }

  /**
   * The records, when they are exactly the read's posts (same number, same order): null when spoiled, or when the
   * reader handed none or other ones (a reader that does not stream, items read out of order).
   */
  finish(posts: readonly Post[]): Records | null {
    this.flush();
    if (this.spoiled || !this.sent || this.seqs.length !== posts.length || posts.length === 0) return null;
    for (let i = 0; i < posts.length; i++) if (posts[i]!.seq !== this.seqs[i]) return null;
    return { offsets: this.offsets.slice(0, posts.length + 1) };
  }
}
