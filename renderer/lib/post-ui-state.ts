// What the reader opened on each post (a content warning, sensitive media), kept above the cards that show it.

export type PostUiFlag = 'cw' | 'media';

/** Enough for any reading session; the oldest entries go first beyond it. */
const MAX_POSTS = 5_000;

/**
 * A windowed list drops its cards as they scroll out and makes new ones when they come back, and reuses a card
 * for another post when the results change: what the reader opened lives here, keyed by post id, so it survives
 * both. One per list (the timeline, a thread), passed down to its cards.
 */
export class PostUiState {
  private readonly open = new Map<string, Set<PostUiFlag>>();

  has(id: string, flag: PostUiFlag): boolean {
    return this.open.get(id)?.has(flag) ?? false;
  }

  set(id: string, flag: PostUiFlag, on: boolean): void {
    const flags = this.open.get(id) ?? new Set<PostUiFlag>();
    if (on) flags.add(flag);
    else flags.delete(flag);
    this.open.delete(id);
    if (flags.size) this.open.set(id, flags);
    while (this.open.size > MAX_POSTS) this.open.delete(this.open.keys().next().value!);
  }

  clear(): void {
    this.open.clear();
  }
}
