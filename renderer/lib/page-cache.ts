// Pages of one timeline query, fetched on demand and kept in a small least-recently-used cache.
import type { ErrorInfo, OutboxApi, PageItem, PageQuery } from '../../preload/contract.js';

export const PAGE_SIZE = 50;
const MAX_PAGES = 24;

export class PageCache {
  private readonly pages = new Map<number, PageItem[]>();
  private readonly loading = new Set<number>();
  error: ErrorInfo | null = null;

  constructor(
    private readonly api: OutboxApi,
    private readonly query: Omit<PageQuery, 'offset' | 'limit'>,
    readonly total: number,
    /** called when a page arrives, so the list can render it */
    private readonly onLoad: () => void,
  ) {}

  /** Puts an already fetched page (the first one, which came with the facets) into the cache. */
  seed(offset: number, items: PageItem[]): void {
    if (offset % PAGE_SIZE === 0) this.pages.set(offset / PAGE_SIZE, items.slice(0, PAGE_SIZE));
  }

  /** The item at index, or undefined while its page loads (the fetch starts here). */
  get(index: number): PageItem | undefined {
    const n = Math.floor(index / PAGE_SIZE);
    const page = this.pages.get(n);
    if (!page) {
      this.load(n);
      return undefined;
    }
    // Touch: keep recently read pages at the end of the map's order.
    this.pages.delete(n);
    this.pages.set(n, page);
    return page[index - n * PAGE_SIZE];
  }

  /** The index of a post among the pages loaded so far (-1: not loaded), without fetching. */
  indexOf(id: string): number {
    for (const [n, page] of this.pages) {
      const i = page.findIndex((item) => item.post.id === id);
      if (i >= 0) return n * PAGE_SIZE + i;
    }
    return -1;
  }

  /** The item at index if its page is loaded, without fetching or touching the order. */
  peek(index: number): PageItem | undefined {
    const n = Math.floor(index / PAGE_SIZE);
    return this.pages.get(n)?.[index - n * PAGE_SIZE];
  }

  private load(n: number): void {
    if (this.loading.has(n) || n * PAGE_SIZE >= this.total) return;
    this.loading.add(n);
    void this.api.page({ ...this.query, offset: n * PAGE_SIZE, limit: PAGE_SIZE }).then((result) => {
      this.loading.delete(n);
      if (!result.ok) {
        this.error = result;
      } else {
        this.pages.set(n, result.value.items);
        while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      }
      this.onLoad();
    });
  }
}
