// The server's first page (main/engine/export/first-page.ts): inert cards of the newest posts that Chromium paints before
// the bundle runs. The live app removes them once its own timeline has painted, or at once when it shows anything
// the server could not know about (another screen, an address whose hash names a filter, a section, a place).

const SELECTOR = 'ox-timeline[first-page]';

/** The hash names the plain timeline: newest first, no filter, no place (all the server could render). */
export function plainTimeline(hash: string): boolean {
  return /^#?\/?(timeline)?\/?$/.test(hash);
}

/** Whether the server's cards are still in the page. */
export function firstPageShown(): boolean {
  return document.querySelector(SELECTOR) !== null;
}

/** Removes the server's cards (the live app now shows what belongs there). */
export function removeFirstPage(): void {
  for (const el of document.querySelectorAll(SELECTOR)) el.remove();
}
