// Long work on the serving thread, in slices: the cache is written while the person already scrolls and searches.

/**
 * Where long work may give the event loop a turn. `due()` is cheap (one clock read), so a loop asks it per post;
 * `turn()` yields once through setImmediate, so the I/O waiting (a request) is handled before the next slice.
 */
export interface Slicer {
  due(): boolean;
  turn(): Promise<void>;
}

/**
 * Slices of about `ms` of work. 4 ms keeps a request's wait for the thread under a search's own cost (~1 ms at
 * 100k posts once settled, the naive scan's p95 ~35 ms), while the turns themselves cost the work almost nothing.
 */
export function timeSlicer(ms = 4): Slicer {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= ms,
    turn: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          since = performance.now();
          resolve();
        })),
  };
}

/** Work that never yields: for callers that are not serving anyone (and for tests of the byte layout). */
export const NO_SLICES: Slicer = { due: () => false, turn: () => Promise.resolve() };
